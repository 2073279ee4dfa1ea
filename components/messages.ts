/**
 * Every string the agent reads, in one place, ready for translation. English first; a host page
 * adds a language with {@link registerMessages} and picks it with the element's `lang` attribute.
 * (A table rather than @lit/localize: no build step and no runtime cost for an English-only page.)
 * @module
 */
import { catalogue } from './catalogue.ts';
import type { MoreMessages } from './locales/en-more.ts';

/** What the first paint reads (the grid, the header); the rest is in ./locales/en-more.ts. */
const firstEn = {
  searchApps: 'Search apps',
  searchPlaceholder: 'Search apps…',
  pinned: 'Pinned',
  recent: 'Recently used',
  allApps: 'All apps',
  /** Under the search box, and its description. */
  searchHint: 'Type to find an app, press Enter to open it.',
  loading: 'Loading your apps…',
  signOut: 'Sign out',
  account: 'Account',
  tryAgain: 'Try again',
  showAll: (n: number) => `Show all ${n} apps`,
  offline: 'You seem to be offline. Check your connection, then try again.',
  unknownError: 'Something went wrong. Try again.',
};

/**
 * Every string: what the first paint needs (above) and the rest (./locales/en-more.ts: the forms,
 * errors, account and chatbots), which the lazy chunks that show them bring along.
 */
export type Messages = typeof firstEn & MoreMessages;

/**
 * The English table: whole once ./locales/en-more.ts is loaded (every module that shows one of those
 * strings imports it), and typed whole.
 */
export const en = firstEn as Messages;

/**
 * The languages shipped with the element, each its own lazy chunk, loaded the first time a page or an
 * element asks for it: English stays inline, so an English page downloads no other language. To add
 * one, write components/locales/<lang>.ts (and admin-<lang>.ts for the admin tools) and list it here
 * and in sso-launcher-admin.messages.ts. The tests check each table against English, key by key.
 */
export const bundledLanguages: Record<string, () => Promise<{ messages: Messages }>> = {
  es: () => import('./locales/es.ts'),
};

/** The launcher's table (catalogue.ts); the functions below are its parts. */
// Typed whole: the rest of English joins the table (catalogue.ts `complete`) before any of it is read.
export const messageTable = catalogue(en, bundledLanguages);
const table = messageTable;

/** Adds or extends a language. */
export const registerMessages = table.register;
/** The messages for a BCP 47 tag ("fr-CA" falls back to "fr", then English). */
export const messagesFor = table.messagesFor;
/** Loads the bundled table of `lang`'s language, once; resolves at once for English or an unknown language. */
export const loadMessages = table.load;

/**
 * The language an element is in: its own `lang` attribute, else the closest ancestor's, through
 * shadow roots to their hosts, else the page's `<html lang>`. An empty `lang` is skipped: the launcher
 * reflects its empty default, which must not hide the page's language.
 */
export function langOf(element: Element): string {
  for (let node: Element | null = element; node; ) {
    const found = node.closest('[lang]:not([lang=""])');
    if (found) return found.getAttribute('lang')!;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang;
}

/** The tag of the text actually shown for `lang`: itself when a table exists for its language, else English. */
export function shownLang(lang: string): string {
  return table.has(lang) ? lang : 'en';
}
