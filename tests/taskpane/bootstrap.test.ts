/**
 * @jest-environment jsdom
 *
 * The task pane's ES5 bootstrap (src/taskpane/bootstrap.js): it must parse in Internet Explorer 11's
 * engine, and it decides between the pane and the "needs a newer Office" message by user agent,
 * `document.documentMode` and the ES2020 built-ins the bundle needs. The same decisions in Chromium,
 * with the built page, are in tests/e2e/taskpane.e2e.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";

const source = readFileSync(join(__dirname, "..", "..", "src", "taskpane", "bootstrap.js"), "utf8");

const AGENTS = {
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko",
  ie10: "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)",
  edgeHtml:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) " +
    "Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  webView2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) " +
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  safari:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
};

describe("bootstrap.js parses as ES5", () => {
  it("acorn at ecmaVersion 5 accepts the whole file", () => {
    expect(() => parse(source, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
  });

  it.each([
    ["an arrow function", "var f = () => 1;"],
    ["let", "let x = 1;"],
    ["a template literal", "var s = `x`;"],
    ["optional chaining", "var y = a?.b;"],
    ["a trailing comma in a call", "f(1, 2,);"],
  ])("the check can fail: %s is refused", (_what, code) => {
    expect(() => parse(code, { ecmaVersion: 5, sourceType: "script" })).toThrow();
  });
});

describe("bootstrap.js decides", () => {
  const realAllSettled = Promise.allSettled;
  afterEach(() => {
    Promise.allSettled = realAllSettled;
    delete (document as unknown as { documentMode?: number }).documentMode;
  });

  function run(userAgent: string, setup?: () => void) {
    document.documentElement.removeAttribute("data-webview");
    document.head.innerHTML =
      '<script id="scorecard-bootstrap" src="bootstrap.js" data-entry="taskpane.0123abcd.js"></script>';
    document.body.innerHTML = '<div id="root"></div>';
    Object.defineProperty(window.navigator, "userAgent", { value: userAgent, configurable: true });
    setup?.();
    // As the browser runs a classic script: in the page's global scope (the document is parsed).
    new Function(source)();
    const loaded = [...document.head.querySelectorAll("script")]
      .filter((s) => s.id !== "scorecard-bootstrap")
      .map((s) => ({ src: s.getAttribute("src"), async: s.async }));
    return {
      webview: document.documentElement.getAttribute("data-webview"),
      message: document.getElementById("old-webview")?.textContent ?? null,
      loaded,
    };
  }

  it.each([
    ["Internet Explorer 11", AGENTS.ie11, "trident", "Internet Explorer 11"],
    ["Internet Explorer 10", AGENTS.ie10, "trident", "Internet Explorer 11"],
    ["the old Edge (EdgeHTML)", AGENTS.edgeHtml, "edgehtml", "the original Microsoft Edge (EdgeHTML)"],
  ])("%s: the message, and no bundle", (_what, agent, webview, named) => {
    const result = run(agent);
    expect(result.webview).toBe(webview);
    expect(result.loaded).toEqual([]);
    expect(result.message).toContain(`This copy of Office shows add-ins with ${named}`);
    expect(result.message).toContain("Update to Microsoft 365, or to Office 2021 or later");
  });

  it("document.documentMode alone (Internet Explorer with a changed user agent) means Trident", () => {
    const result = run(AGENTS.webView2, () =>
      Object.defineProperty(document, "documentMode", { value: 11, configurable: true }),
    );
    expect(result).toMatchObject({ webview: "trident", loaded: [] });
  });

  it("a current engine without Promise.allSettled gets the message (the bundle needs ES2020)", () => {
    const result = run(AGENTS.safari, () => {
      delete (Promise as unknown as { allSettled?: unknown }).allSettled;
    });
    expect(result.webview).toBe("old");
    expect(result.loaded).toEqual([]);
    expect(result.message).toContain("a web engine too old");
  });

  it.each([
    ["WebView2 (Chromium Edge says Edg/, not Edge/)", AGENTS.webView2],
    ["Safari (Office for Mac)", AGENTS.safari],
  ])("%s: loads the bundle, in order, and shows no message", (_what, agent) => {
    const result = run(agent);
    expect(result).toEqual({
      webview: "current",
      message: null,
      loaded: [{ src: "taskpane.0123abcd.js", async: false }],
    });
  });
});
