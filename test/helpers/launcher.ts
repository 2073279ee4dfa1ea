/**
 * `<sso-launcher>` in a component test, on the simulator, with focus helpers for keyboard tests (real
 * key presses come from `sendKeys` of @web/test-runner-commands). A button after the element lets Tab
 * leave it.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { LauncherClient } from '../../core/launcher.ts';
import { memoryStore } from '../../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, createSimulator, type Simulator } from '../../demo/simulator/index.ts';
import '../../components/sso-launcher.ts';
import type { SsoLauncher } from '../../components/sso-launcher.component.ts';

export interface Launcher {
  el: SsoLauncher;
  root: ShadowRoot;
  sim: Simulator;
  client: LauncherClient;
  /** A button before the element and one after it, on the page. */
  before: HTMLButtonElement;
  after: HTMLButtonElement;
}

/** The launcher on a page, signed in first as `signIn` when given (a restored session), else signed out. */
export async function mountLauncher(options: { signIn?: string; client?: LauncherClient; sim?: Simulator; broker?: string } = {}): Promise<Launcher> {
  const sim = options.sim ?? createSimulator();
  const client = options.client ?? new LauncherClient({ apiBase: 'http://sim.test', clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: sim.fetch, store: memoryStore() });
  if (options.signIn) await client.session.signIn(options.signIn, DEMO_PASSWORD);
  const page = await fixture<HTMLElement>(html`<div><button id="before">before</button><sso-launcher .client=${client} broker=${options.broker ?? ''}></sso-launcher><button id="after">after</button></div>`);
  const el = page.querySelector<SsoLauncher>('sso-launcher')!;
  // Launches must not open real tabs: the page cancels a tile link's navigation after the element handled the click.
  el.addEventListener('click', (e) => {
    if (e.composedPath().some((n) => n instanceof HTMLAnchorElement)) e.preventDefault();
  });
  return { el, root: el.shadowRoot!, sim, client, before: page.querySelector('#before')!, after: page.querySelector('#after')! };
}

export const $ = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => [...root.querySelectorAll<T>(selector)];

/** What has focus: inside the launcher, the element in its shadow root; else the page's active element. */
export function focused(l: Launcher): Element | null {
  return l.root.activeElement ?? document.activeElement;
}

/**
 * An element as a short string (tag, id, name, title or label, and which list of the grid it is in), so
 * that assertions compare strings: chai's message for a failed comparison of two elements walks Lit's
 * internals and can take minutes.
 */
export function label(e: Element | null | undefined): string {
  if (!e) return '(nothing)';
  const list = e.closest('ul.grid');
  const lists = list ? [...(e.getRootNode() as ParentNode).querySelectorAll('ul.grid')] : [];
  const text = (e.getAttribute('title') ?? e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40);
  return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('name') ? `[name=${e.getAttribute('name')}]` : ''} "${text}"${list ? ` in list ${lists.indexOf(list)}` : ''}`;
}

/**
 * Waits for the grid of apps, ready for the keyboard: its one Tab stop is set by grid-behaviour.ts,
 * which arrives in a chunk of its own just after the first paint.
 */
export const waitForGrid = (l: Launcher) =>
  waitUntil(() => $$(l.root, 'a.tile').length > 0 && $(l.root, 'ul.grid .tile[tabindex="0"]'), 'grid of apps, with its Tab stop', { timeout: 5000 });

/** Waits until `selector` in the launcher has focus. */
export const waitForFocus = (l: Launcher, selector: string, message = `focus on ${selector}`) =>
  waitUntil(() => l.root.activeElement?.matches(selector), message, { timeout: 5000 });
