/**
 * For the end-to-end checks of the look: axe on a real page (or part of one), and sideways overflow
 * of the document and of an element.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core, already installed for the component tests' `to.be.accessible()`. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe's violations on the page, or inside the element `include` selects (shadow roots included), as
 * `rule: target` lines; every rule runs but those in `skipRules`. Injected through the DevTools protocol, which an extension page's CSP does not block.
 */
export async function axeViolations(page: Page, include?: string, skipRules: string[] = []): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ selector, skip }) => {
      type Result = { violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> };
      const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
      const rules = Object.fromEntries(skip.map((id) => [id, { enabled: false }]));
      const { violations } = await axe.run(selector ? { include: [selector] } : document, { rules });
      return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
    },
    { selector: include, skip: skipRules },
  );
}

/** Sideways scrolling: the document's, and that of every element `selector` matches (each as `what: scrollWidth > clientWidth`). */
export function sidewaysScroll(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`document: ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll(sel)) {
      if (el.scrollWidth > el.clientWidth) problems.push(`${el.localName}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return problems;
  }, selector);
}
