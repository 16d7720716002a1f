import { luminance, themeModeFor } from "../../src/taskpane/theme";

describe("theme", () => {
  it("computes sRGB relative luminance", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBeCloseTo(1, 12);
    expect(luminance("#808080")).toBeCloseTo(0.2158605, 6);
    expect(luminance("not a colour")).toBeNull();
  });

  it("follows Office's body background where Office gives one", () => {
    expect(themeModeFor({ bodyBackgroundColor: "#262626" }, false)).toBe("dark");
    expect(themeModeFor({ bodyBackgroundColor: "#FFFFFF" }, true)).toBe("light");
  });

  it("falls back to prefers-color-scheme where Office says nothing", () => {
    expect(themeModeFor(undefined, true)).toBe("dark");
    expect(themeModeFor({}, false)).toBe("light");
    expect(themeModeFor({ bodyBackgroundColor: "transparent" }, true)).toBe("dark");
  });
});
