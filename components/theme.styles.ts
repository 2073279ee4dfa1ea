import { css } from 'lit';

/**
 * The launcher's palette: one set of `--sso-*` custom properties, each colour written once as
 * `light-dark(light, dark)`, so the element's `color-scheme` (its `theme` attribute, else the system's
 * preference) picks the side. Shared by `<sso-launcher>`, `<sso-launcher-admin>` and the extension's
 * popup and options page, so all of them look alike and none keeps a second palette.
 *
 * The rule names `:root` and `:host` both: adopted by an element, `:host` matches its host; adopted by a
 * document (the extension's pages, {@link adoptThemeTokens}), `:root` matches `<html>`. Each selector
 * matches nothing in the other place. A host with `inherit-palette` (the admin tools inside the launcher)
 * is left out: it takes the palette from around it, a brokerage's overrides of the launcher's included.
 *
 * Every text colour has at least 4.5:1 contrast (WCAG AA) on `--sso-bg` and `--sso-surface`, in both
 * schemes; `--sso-accent-text` on `--sso-accent` and `--sso-danger` on `--sso-danger-bg` too. The
 * axe checks of the component and extension tests hold it to that.
 */
export const themeTokens = css`
  :root, :host(:not([inherit-palette])) {
    --sso-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --sso-bg: light-dark(#fff, #15181d);
    --sso-surface: light-dark(#f6f7f9, #1f242b);
    --sso-text: light-dark(#1b1f24, #e8ebef);
    --sso-muted: light-dark(#5b6470, #a3acb8);
    --sso-border: light-dark(#dde1e6, #343b45);
    --sso-accent: light-dark(#2454d6, #7aa2ff);
    --sso-accent-text: light-dark(#fff, #0b1020);
    --sso-danger: light-dark(#b42318, #ff8a80);
    --sso-danger-bg: light-dark(#fdecea, #3a1f1d);
    --sso-focus: light-dark(#2454d6, #9db8ff);
  }
`;

/**
 * Gives a whole page the palette, on `:root` (the extension's popup and options page). Their CSS falls
 * back to the system colours `Canvas` and `CanvasText` until this has run, which follow the same
 * `color-scheme`, so the first paint is already in the right scheme.
 */
export function adoptThemeTokens(doc: Document = document): void {
  const sheet = themeTokens.styleSheet;
  if (sheet && !doc.adoptedStyleSheets.includes(sheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
