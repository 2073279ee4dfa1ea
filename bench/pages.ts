/**
 * The pages the page-load benchmarks open, written into `dist/bench/` (served by the demo server's
 * `/dist/*` route, same origin as the embed, the simulator and the IndexedDB they share), and the
 * seeding of a signed-in agent. `npm run build` empties `dist/`, so they never ship.
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHILD_BRAND_ID, CLIENT_ID, CLIENT_SECRET, DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import { SIGNAL_SCRIPT } from './fair.ts';
import { appsHeadKey, appsKey } from '../core/keys.ts';
import { COPY_PREFIX, type SnapshotCopyConfig } from '../core/snapshot-copy.ts';
import { writeSnapshotCopy } from '../core/snapshot-copy-write.ts';
import { cachedAppsEntries } from '../test/popup-probe.ts';

const DIR = fileURLToPath(new URL('../dist/bench/', import.meta.url));
export const BRAND = CHILD_BRAND_ID;
/** The tiles the element renders first in a 1280×900 window (tile-grid.ts: a screenful, at most 96). */
export const FIRST_PAGE = 96;

/** A signed-in agent's stored session (the format of core/stored-session.ts), from a real password grant. */
export async function signIn(origin: string): Promise<{ tokens: Record<string, unknown>; user: { id: string } & Record<string, unknown> }> {
  const response = await fetch(`${origin}/api/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, username: USERS.agent.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`bench sign-in failed: ${response.status}`);
  const body = (await response.json()) as { access_token: string; refresh_token: string; expires_in: number; data: { id: string } };
  const tokens = {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt: Date.now() + body.expires_in * 1000,
    lifetimeMs: body.expires_in * 1000,
    mfaPending: false,
    user: body.data,
  };
  return { tokens, user: body.data };
}

/** `count` apps as the simulator lists them, with no icon (initials tiles). */
export function manyApps(count: number, origin: string): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `app-${i}`,
    name: `Application ${i} ${['Zillow', 'DocuSign', 'Dotloop', 'MLS', 'Canva'][i % 5]}`,
    authentication_type: 'None',
    open_url: `${origin}/api/nowhere/${i}`,
    order: i,
    icon: null,
  }));
}

/**
 * A cached app list as the launcher stores it (core/apps-cache.ts: the list, and its head for the first
 * screen), as entries for {@link seed}.
 */
export function cachedApps(userId: string, apps: unknown[]): Promise<Record<string, unknown>> {
  return cachedAppsEntries(userId, BRAND, apps);
}

/** The keys of a cached app list, to remove them for a fresh load. */
export const cachedAppsKeys = (userId: string) => [appsKey(userId, BRAND), appsHeadKey(userId, BRAND)];

/**
 * The launcher's first-screen copies (core/snapshot-copy.ts) of one agent's cached list for each of
 * `configs`, as `localStorage` entries, written by the launcher's own code: what a returning agent's
 * page holds beside IndexedDB.
 */
export function firstScreenCopies(configs: SnapshotCopyConfig[], user: { id: string }, apps: unknown[]): Record<string, string> {
  const entries = new Map<string, string>();
  const storage = { getItem: (k: string) => entries.get(k) ?? null, setItem: (k: string, v: string) => void entries.set(k, v), removeItem: (k: string) => void entries.delete(k) } as Storage;
  for (const config of configs) writeSnapshotCopy(storage, config, { user: user as never, apps: apps as never, total: apps.length, prefs: { favourites: [], recent: [] } });
  return Object.fromEntries(entries);
}

/**
 * Writes `entries` into the launcher's IndexedDB (`sso-launcher`/`kv`, as idb-keyval lays it out), from
 * `page`, and removes `remove`. `copies` are the first-screen copies the page's `localStorage` holds
 * after: exactly those (every other copy is removed), so that each round starts from the same storage.
 */
export function seed(page: Page, entries: Record<string, unknown>, remove: string[] = [], copies: Record<string, string> = {}): Promise<void> {
  return page.evaluate(
    ({ entries, remove, copies, prefix }) =>
      new Promise<void>((done, fail) => {
        for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
        for (const [key, value] of Object.entries(copies)) localStorage.setItem(key, value);
        const open = indexedDB.open('sso-launcher');
        open.onupgradeneeded = () => open.result.createObjectStore('kv');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          for (const [key, value] of Object.entries(entries)) tx.objectStore('kv').put(value, key);
          for (const key of remove) tx.objectStore('kv').delete(key);
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    { entries, remove, copies, prefix: COPY_PREFIX },
  );
}

const head = (scripts: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script src="/dist/bench/signal.js"></script>${scripts}</head>`;

/** The launcher in bearer mode, as a brokerage page has it (the script tag, the element). */
export const LAUNCHER_ATTRIBUTES = `api-base="/api" client-id="${CLIENT_ID}" brand="${BRAND}" token-endpoint="/broker/oauth2/token"`;
/** The same in broker mode: the tokens stay in the broker. */
export const BROKER_ATTRIBUTES = `session="broker" broker="/broker" brand="${BRAND}"`;

/**
 * The plain-script floor of a cached load: one read-only transaction for the session, then the apps
 * and preferences, stamped as the launcher's own markup (header, search box, count, 96 tiles) into a
 * shadow root with the launcher's own styles. No framework.
 *
 * With `network`, the floor of a fresh load that has to fetch its grid as the launcher does: the same
 * script reads the stored session and asks the API for the app list with its access token, then stamps
 * the answer (parsed as JSON, not validated). What any page must wait for on a signed-in first visit.
 */
function floorScript(css: string, sessionKey: string, network?: { apiBase: string }): string {
  return `const CSS = ${JSON.stringify(css)};
const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS);
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const hue = (key) => { let h = 0x811c9dc5; for (let i = 0; i < key.length; i++) { h ^= key.charCodeAt(i); h = Math.imul(h, 0x01000193); } return Math.floor(((h >>> 0) % 360) / 30); };
const initials = (name) => { const w = name.trim().split(/[\\s\\-_.]+/u); return w.length > 1 ? (w[0][0] + w[1][0]).toUpperCase() : w[0].slice(0, 2).toUpperCase(); };
const tile = (a) => '<li class="item"><a part="tile" class="tile" href="' + esc(a.open_url) + '" target="_blank" rel="noopener noreferrer" title="' + esc(a.name) + '" data-id="' + esc(a.id) + '"><span part="tile-icon" class="icon h' + hue(a.id) + '" aria-hidden="true">' + esc(initials(a.name)) + '</span><span part="tile-name" class="name">' + esc(a.name) + '</span></a><button class="pin" type="button" aria-pressed="false" aria-label="Pin ' + esc(a.name) + '" data-id="' + esc(a.id) + '">☆</button></li>';
const open = indexedDB.open('sso-launcher');
open.onsuccess = () => {
  const kv = open.result.transaction('kv', 'readonly').objectStore('kv');
  const session = kv.get(${JSON.stringify(sessionKey)});
  session.onsuccess = () => {
    const user = session.result.user;
    const stamp = (list) => {
      const root = document.querySelector('sso-launcher').attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      root.innerHTML = '<div part="base" class="base"><div><div part="header" class="header"><span class="who">' + esc(user.first_name + ' ' + user.last_name) + '</span>'
        + '<button part="button" type="button" aria-expanded="false">Account</button><button part="button" type="button">Sign out</button></div>'
        + '<div class="search"><svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="11" cy="11" r="7"></circle><path d="m20 20-3.5-3.5"></path></svg>'
        + '<input part="input search" name="search" type="search" aria-label="Search apps" placeholder="Search apps…" autocomplete="off" spellcheck="false"></div>'
        + '<p class="count" role="status"></p><ul part="grid" class="grid" aria-label="All apps">' + list.slice(0, ${FIRST_PAGE}).map(tile).join('') + '</ul>'
        + (list.length > ${FIRST_PAGE} ? '<div class="more"><span class="sentinel"></span><button part="button" type="button">Show all ' + list.length + ' apps</button></div>' : '')
        + '</div></div>';
      performance.mark('floor:grid');
    };
${
  network
    ? `    fetch(${JSON.stringify(network.apiBase)} + '/brands/${BRAND}/sso_applications', { headers: { accept: 'application/json', authorization: 'Bearer ' + session.result.accessToken }, credentials: 'omit' })
      .then((response) => response.json())
      .then((body) => stamp(body.data));`
    : `    const apps = kv.get('apps:' + user.id + ':${BRAND}');
    kv.get('prefs:' + user.id);
    apps.onsuccess = () => stamp(apps.result.apps);`
}
  };
};
`;
}

/**
 * Writes the pages: `launcher.html` / `broker.html` (the element, bearer / broker mode),
 * `cached-floor.html` (the plain-script floor), `network-floor.html` (the same, its list from the API),
 * `static.html` (`markup`, the launcher's own shadow DOM as it stood after a fresh load, as a static page
 * with a declarative shadow root) and `blank.html`.
 */
export async function writePages(o: { css: string; sessionKey: string; markup?: string }): Promise<void> {
  await mkdir(DIR, { recursive: true });
  const files: Record<string, string> = {
    'signal.js': SIGNAL_SCRIPT,
    'blank.html': `${head('')}<body></body></html>`,
    'launcher.html': `${head('<script type="module" src="/dist/sso-launcher.js"></script>')}<body><sso-launcher ${LAUNCHER_ATTRIBUTES}></sso-launcher></body></html>`,
    'broker.html': `${head('<script type="module" src="/dist/sso-launcher.js"></script>')}<body><sso-launcher ${BROKER_ATTRIBUTES}></sso-launcher></body></html>`,
    'cached-floor.js': floorScript(o.css, o.sessionKey),
    'cached-floor.html': `${head('<script type="module" src="/dist/bench/cached-floor.js"></script>')}<body><sso-launcher></sso-launcher></body></html>`,
    'network-floor.js': floorScript(o.css, o.sessionKey, { apiBase: '/api' }),
    'network-floor.html': `${head('<script type="module" src="/dist/bench/network-floor.js"></script>')}<body><sso-launcher></sso-launcher></body></html>`,
  };
  if (o.markup !== undefined) {
    files['static.html'] =
      `${head('')}<body><sso-launcher><template shadowrootmode="open"><style>${o.css}</style>${o.markup}</template></sso-launcher>` +
      `<script>performance.mark('floor:grid')</script></body></html>`;
  }
  await Promise.all(Object.entries(files).map(([name, body]) => writeFile(resolve(DIR, name), body)));
}
