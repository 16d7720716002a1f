/** @jest-environment jsdom */
import React from "react";
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import {
  usePlainListClass,
  type PlainListLayout,
  type StackGap,
} from "../../src/taskpane/components/plainList";

function List({ layout, gap }: { layout: PlainListLayout; gap?: StackGap }) {
  return (
    <ul className={usePlainListClass(layout, gap)} aria-label="Items">
      <li>one</li>
      <li>two</li>
    </ul>
  );
}

/** The list's computed style; it is still found by its list role, so screen readers announce a list. */
function styleOf(layout: PlainListLayout, gap?: StackGap): CSSStyleDeclaration {
  render(
    <FluentProvider theme={webLightTheme}>
      <List layout={layout} gap={gap} />
    </FluentProvider>,
  );
  return getComputedStyle(screen.getByRole("list", { name: "Items" }));
}

const plain = (style: CSSStyleDeclaration) => [style.listStyleType, style.margin, style.padding];

describe("plain lists", () => {
  it.each([
    ["XS", "var(--spacingVerticalXS)"],
    ["SNudge", "var(--spacingVerticalSNudge)"],
    ["S", "var(--spacingVerticalS)"],
    ["M", "var(--spacingVerticalM)"],
  ] as const)("stack their items without bullets or indent, %s apart", (gap, value) => {
    const style = styleOf("stack", gap);
    expect(plain(style)).toEqual(["none", "0px", "0px"]);
    expect([style.display, style.flexDirection, style.gap]).toEqual(["flex", "column", value]);
  });

  it("stack S apart unless told otherwise", () => {
    expect(styleOf("stack").gap).toBe("var(--spacingVerticalS)");
  });

  it("set legends side by side, wrapping", () => {
    const style = styleOf("row");
    expect(plain(style)).toEqual(["none", "0px", "0px"]);
    expect([style.display, style.flexWrap, style.gap]).toEqual(["flex", "wrap", "var(--spacingHorizontalM)"]);
  });

  it("leave block lists in the flow, with no gap", () => {
    const style = styleOf("block");
    expect(plain(style)).toEqual(["none", "0px", "0px"]);
    expect([style.display, style.gap]).toEqual(["block", ""]);
  });
});
