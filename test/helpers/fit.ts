/**
 * What "fits" means for the launcher at a given width: nothing scrolls sideways (the document and the
 * element), no box sticks out of the box it sits in, and no button's text is cut. Shared by the
 * component tests at 320, 380 and 1280 px.
 * @module
 */
import { shadowRoots } from './launcher-states.ts';

/** Half a pixel either way: sub-pixel layout rounds differently in different boxes. */
const SLACK = 0.5;

/** Skipped: boxes meant to be out of sight, and the top layer (dialogs are placed by the browser). */
function skipped(el: Element): boolean {
  return el.closest('.visually-hidden, dialog, svg') !== null || getComputedStyle(el).display === 'contents';
}

/** The parent box an element is laid out in, across a shadow boundary (a shadow root's children sit in its host). */
function parentBox(el: Element): Element | null {
  const parent = el.parentNode;
  if (parent instanceof ShadowRoot) return parent.host;
  return parent instanceof Element ? parent : null;
}

/**
 * Every way the element does not fit, as sentences (an empty list when it fits):
 * - the document or the element scrolls sideways (`scrollWidth > clientWidth`);
 * - a box inside it reaches past the left or right edge of its parent box;
 * - a button's text is wider than the button (Edit cut to "Ed").
 */
export function overflows(el: HTMLElement): string[] {
  const problems: string[] = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) problems.push(`the document scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
  if (el.scrollWidth > el.clientWidth) problems.push(`the element scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
  for (const root of shadowRoots(el.shadowRoot!)) {
    for (const child of root.querySelectorAll('*')) {
      if (skipped(child)) continue;
      const box = child.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const parent = parentBox(child);
      if (!parent) continue;
      const outer = parent.getBoundingClientRect();
      if (box.left < outer.left - SLACK || box.right > outer.right + SLACK) {
        problems.push(`${describe(child)} (${Math.round(box.left)}–${Math.round(box.right)}) sticks out of ${describe(parent)} (${Math.round(outer.left)}–${Math.round(outer.right)})`);
      }
      if (child instanceof HTMLButtonElement && child.scrollWidth > child.clientWidth + 1) {
        problems.push(`the text of ${describe(child)} is cut: ${child.scrollWidth} > ${child.clientWidth}`);
      }
    }
  }
  return problems;
}

function describe(el: Element): string {
  const text = el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 30);
  return `<${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}>${text ? ` "${text}"` : ''}`;
}

/** Text cut by an ellipsis or a line clamp: more content than box, across or down. */
export function isCut(el: Element): boolean {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

/** How many lines the element's text takes when nothing clamps or cuts it, at its current width. */
export function linesUnclamped(el: HTMLElement): number {
  const style = getComputedStyle(el);
  const probe = el.cloneNode(true) as HTMLElement;
  probe.style.cssText = `display: block; -webkit-line-clamp: none; overflow: visible; white-space: normal; width: ${el.clientWidth}px;
    font: ${style.font}; letter-spacing: ${style.letterSpacing}; overflow-wrap: ${style.overflowWrap}; position: absolute; visibility: hidden`;
  el.parentNode!.append(probe);
  const lines = Math.round(probe.getBoundingClientRect().height / parseFloat(style.lineHeight));
  probe.remove();
  return lines;
}

/**
 * Names cut although two lines would hold them ("Rechat…"), among `els`: each allows two lines, and
 * only a name that needs three may be cut.
 */
export function cutAlthoughTwoLinesFit(els: HTMLElement[]): string[] {
  return els.filter((el) => isCut(el) && linesUnclamped(el) <= 2).map((el) => el.textContent!.trim());
}
