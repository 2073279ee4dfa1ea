import type { CSSResult } from 'lit';

/**
 * Adds a lazy chunk's styles to the launcher's shadow root, once: what the first paint does not draw
 * (the forms, a chatbot) keeps its rules out of the script tag's payload (issue 15). Where a browser
 * has no constructable style sheets, Lit's `<style>` fallback already holds only the element's own
 * rules, and so does this root: nothing is added.
 */
export function adoptStyles(root: HTMLElement | DocumentFragment, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
