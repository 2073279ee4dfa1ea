// Reading and filling a shadow root's forms the way a person does: by labels and accessible names.
// Shared by the admin tools' tests (components/sso-launcher-admin.test.ts, components/admin/*.test.ts).

export const $$ = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => [...root.querySelectorAll<T>(selector)];
export const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A button by its accessible name (aria-label, or its text including visually hidden parts). */
export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(root, 'button').find((b) => (b.getAttribute('aria-label') ?? text(b)) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

/** The control labelled `label` (by <label for>, or by a wrapping <label>). */
export function control<T extends HTMLElement = HTMLInputElement>(root: ShadowRoot, label: string): T {
  for (const l of $$<HTMLLabelElement>(root, 'label')) {
    if (text(l) !== label) continue;
    const target = l.htmlFor ? root.getElementById(l.htmlFor) : l.querySelector('input, select, textarea');
    if (target) return target as T;
  }
  throw new Error(`no control labelled "${label}"`);
}

/** Types `value` into a field, as an input event. */
export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Ticks a checkbox (toggles it), picks a radio, or selects `value` in a select, as a change event. */
export function choose(input: HTMLInputElement | HTMLSelectElement, value?: string): void {
  if (input instanceof HTMLSelectElement) input.value = value!;
  else if (input.type === 'checkbox') input.checked = !input.checked;
  else input.checked = true;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
