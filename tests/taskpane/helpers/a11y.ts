/**
 * Accessibility check for component tests: IBM's Equal Access engine (accessibility-checker-engine,
 * Apache-2.0) run on the rendered document. A test fails on any definite violation — the engine's
 * "VIOLATION"/"FAIL" results, its equivalent of axe's serious and critical findings (WCAG A/AA
 * failures). "Potential" results need a human and rules that need layout are left to the e2e layer.
 */

interface AceResult {
  ruleId: string;
  value: [string, string];
  message: string;
  path: { dom: string };
  snippet?: string;
}

/** Rules that need a layout engine; jsdom has none, so they cannot be judged here. */
const NEEDS_LAYOUT = new Set(["text_contrast_sufficient", "element_tabbable_visible", "style_focus_visible"]);

export async function accessibilityViolations(root: Document | Element = document): Promise<AceResult[]> {
  // jsdom implements neither innerText nor a page language and title outside a real page; the
  // engine reads both, and the pane's real page (taskpane.html) sets lang and title.
  if (
    !("innerText" in HTMLElement.prototype) ||
    !Object.getOwnPropertyDescriptor(HTMLElement.prototype, "innerText")
  ) {
    Object.defineProperty(HTMLElement.prototype, "innerText", {
      configurable: true,
      get(this: HTMLElement) {
        return this.textContent ?? "";
      },
    });
  }
  // jsdom does not compute pseudo-element styles; the engine asks for ::before/::after content.
  const computed = window.getComputedStyle;
  if (!(computed as { shimmed?: boolean }).shimmed) {
    const shim = (element: Element, pseudo?: string | null) =>
      pseudo
        ? ({ content: "none", getPropertyValue: () => "" } as unknown as CSSStyleDeclaration)
        : computed(element);
    (shim as { shimmed?: boolean }).shimmed = true;
    window.getComputedStyle = shim as typeof window.getComputedStyle;
  }
  document.documentElement.lang = "en";
  if (document.title === "") document.title = "Agreement Scorecard";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ace = require("accessibility-checker-engine/ace-node") as {
    Checker: new () => { check(doc: Document | Element, rules: string[]): Promise<{ results: AceResult[] }> };
  };
  const report = await new ace.Checker().check(root, ["IBM_Accessibility"]);
  return report.results.filter(
    (r) => r.value[0] === "VIOLATION" && r.value[1] === "FAIL" && !NEEDS_LAYOUT.has(r.ruleId),
  );
}

export async function expectAccessible(root: Document | Element = document): Promise<void> {
  const violations = await accessibilityViolations(root);
  const described = violations.map((v) => `${v.ruleId}: ${v.message} at ${v.path.dom} ${v.snippet ?? ""}`);
  expect(described).toEqual([]);
}
