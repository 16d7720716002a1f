/*
 * The task pane's first script (taskpane.html loads it before office.js and before the bundle).
 *
 * Written in ES5 on purpose, and left as it is by the build (copied, never bundled): Office 2016
 * and 2019 on Windows, and older Microsoft 365 builds, can show add-ins with Internet Explorer 11's
 * engine (Trident) or with the original Microsoft Edge (EdgeHTML), neither of which parses the
 * ES2020 bundle; the pane would stay blank. Microsoft's page "Browsers and webview controls used by
 * Office Add-ins" lists which Office uses which; tests/taskpane/bootstrap.test.ts parses this file
 * with acorn at ecmaVersion 5.
 *
 * In such a webview it shows what the user needs instead of the pane and never loads the bundle;
 * elsewhere it loads the bundle (the script names are in this tag's data-entry attribute, written
 * by html-webpack-plugin). No inline script and no eval: the page's Content-Security-Policy allows
 * neither, and a script this file inserts comes from the add-in's own origin ('self').
 *
 * How an old webview is recognised:
 * - Trident: `document.documentMode` (a number only Internet Explorer defines), or `Trident/` or
 *   `MSIE ` in the user agent;
 * - EdgeHTML: `Edge/<digits>` in the user agent (Chromium-based Edge and WebView2 say `Edg/`);
 * - any other engine without the ES2020 built-ins the bundle relies on (`Promise.allSettled`,
 *   `globalThis`), e.g. the Safari of an old macOS in Office for Mac.
 */
(function () {
  "use strict";

  var ua = navigator.userAgent || "";

  /** "trident", "edgehtml", "old" (missing ES2020 features), or "" for a webview that runs the pane. */
  function oldWebview() {
    if (typeof document.documentMode === "number" || /\bTrident\/|\bMSIE /.test(ua)) return "trident";
    if (/\bEdge\/\d/.test(ua)) return "edgehtml";
    if (
      typeof Promise === "undefined" ||
      typeof Promise.allSettled !== "function" ||
      typeof globalThis === "undefined"
    )
      return "old";
    return "";
  }

  var WHY = {
    trident:
      "This copy of Office shows add-ins with Internet Explorer 11, which cannot run Agreement Scorecard.",
    edgehtml:
      "This copy of Office shows add-ins with the original Microsoft Edge (EdgeHTML), which cannot run Agreement Scorecard.",
    old: "This copy of Office shows add-ins with a web engine too old to run Agreement Scorecard.",
  };

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.appendChild(document.createTextNode(text));
    if (style) node.style.cssText = style;
    return node;
  }

  function showMessage(reason) {
    var root = document.getElementById("root") || document.body;
    var box = element(
      "div",
      "",
      "padding: 12px; font-family: 'Segoe UI', system-ui, sans-serif; font-size: 14px; line-height: 20px; color: #242424; background: #ffffff"
    );
    box.setAttribute("role", "main");
    box.setAttribute("id", "old-webview");
    box.appendChild(
      element("h1", "Agreement Scorecard needs a newer Office", "font-size: 20px; margin: 0 0 8px")
    );
    box.appendChild(element("p", WHY[reason]));
    box.appendChild(
      element(
        "p",
        "It needs Microsoft 365, or Office 2021 or later, which show add-ins with Microsoft Edge WebView2" +
          " (on a Mac, a current macOS, whose Safari Office uses)."
      )
    );
    box.appendChild(element("h2", "What you can do", "font-size: 16px; margin: 16px 0 4px"));
    var list = element("ul", "", "margin: 0; padding-left: 20px");
    var steps = [
      "Update to Microsoft 365, or to Office 2021 or later. Where Office is managed at work, ask your IT department.",
      "Or open the workbook in Excel on the web, in a current browser (Edge, Chrome, Firefox or Safari), and use the add-in there.",
      "With a retail (not volume-licensed) Office 2016 or 2019 on Windows, installing the Microsoft Edge WebView2 Runtime" +
        " is enough: Office then shows add-ins with it. Restart Excel afterwards.",
      "Meanwhile the scorecard in your workbook keeps working without the add-in: its scores, weights, ranks and" +
        " charts are ordinary formulas.",
    ];
    for (var i = 0; i < steps.length; i++) list.appendChild(element("li", steps[i], "margin: 4px 0"));
    box.appendChild(list);
    root.appendChild(box);
  }

  function loadBundle() {
    var me = document.getElementById("scorecard-bootstrap");
    var entries = ((me && me.getAttribute("data-entry")) || "").split(" ");
    for (var i = 0; i < entries.length; i++) {
      if (!entries[i]) continue;
      var script = document.createElement("script");
      script.src = entries[i];
      // Dynamically inserted scripts run as soon as they arrive; keep the bundle's own order.
      script.async = false;
      document.head.appendChild(script);
    }
  }

  /** Runs `then` once the page is parsed, so office.js (a blocking script after this one) has run. */
  function whenParsed(then) {
    if (document.readyState !== "loading") then();
    else document.addEventListener("DOMContentLoaded", then);
  }

  var reason = oldWebview();
  document.documentElement.setAttribute("data-webview", reason || "current");
  whenParsed(
    reason
      ? function () {
          showMessage(reason);
        }
      : loadBundle
  );
})();
