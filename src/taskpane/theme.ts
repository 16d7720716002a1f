import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/**
 * Office tells the pane its theme (Office.context.officeTheme, where the host supports it); the
 * browser's prefers-color-scheme is the fallback where Office says nothing (docs/architecture.md §5).
 */
export type ThemeMode = "light" | "dark";

export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
}

/** Relative luminance (sRGB) of a #rrggbb colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const channel = (i: number) => {
    const c = parseInt(match[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

export function themeModeFor(officeTheme: OfficeThemeLike | undefined, prefersDark: boolean): ThemeMode {
  const bodyLuminance = officeTheme?.bodyBackgroundColor ? luminance(officeTheme.bodyBackgroundColor) : null;
  if (bodyLuminance !== null) return bodyLuminance < 0.4 ? "dark" : "light";
  return prefersDark ? "dark" : "light";
}

export function fluentTheme(mode: ThemeMode): Theme {
  return mode === "dark" ? webDarkTheme : webLightTheme;
}
