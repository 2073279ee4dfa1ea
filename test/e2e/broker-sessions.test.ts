/**
 * Broker sessions in real Chromium, on the demo page (whose element uses `session="broker"`):
 * - nothing for a page script to take: a script installed before the page's own wraps fetch and XHR
 *   and, with everything the page can read, yields candidate strings; none works as a Rechat bearer
 *   token, a refresh token or a broker session (the same test on the bearer-mode page finds working ones);
 * - a page on another origin, with the agent's cookie present, can change nothing;
 * - the session ends (idle, absolute, sign-out, a refresh Rechat refuses) and the element shows sign-in.
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock, type Clock } from '../../core/deps.ts';
import { CLIENT_ID, CLIENT_SECRET, DEMO_PASSWORD, MFA_SECRET, USERS } from '../../demo/simulator/index.ts';
import { appNames, launcher, signIn, totp, useDemo, verify } from './harness.ts';

const TEST = { timeout: 120_000 };

/** The broker's clock: real time plus what a test adds, to reach the idle and absolute limits. */
let offsetMs = 0;
const clock: Clock = { now: () => Date.now() + offsetMs, sleep: systemClock.sleep };

const demo = useDemo({ brokerOptions: { clock } });

// ---- What a hostile script on the page can collect ----

// Both scripts are plain JavaScript text: functions passed to the browser would carry the helpers
// tsx adds to TypeScript (such as __name), which do not exist in the page.

/** Installed before the page's scripts: records every request and response the page's code makes. */
const CAPTURE_SCRIPT = `(() => {
  const seen = (window.__seen = []);
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push(request.url, JSON.stringify([...request.headers]));
    if (init && init.body != null) seen.push(typeof init.body === 'string' ? init.body : await new Response(init.body).text().catch(() => ''));
    const response = await original(input, init);
    seen.push(JSON.stringify([...response.headers]));
    seen.push(await response.clone().text().catch(() => ''));
    return response;
  };
  const { open, setRequestHeader, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (...args) { seen.push(String(args[1])); return open.apply(this, args); };
  XMLHttpRequest.prototype.setRequestHeader = function (name, value) { seen.push(name + ': ' + value); return setRequestHeader.call(this, name, value); };
  XMLHttpRequest.prototype.send = function (body) {
    if (typeof body === 'string') seen.push(body);
    this.addEventListener('load', () => seen.push(this.getAllResponseHeaders(), typeof this.response === 'string' ? this.response : JSON.stringify(this.response)));
    return send.call(this, body);
  };
})();`;

/** Every string the page can reach: IndexedDB (every database and store), web storage, cookies, what was captured. */
const COLLECT_SCRIPT = `(async () => {
  const out = [];
  const done = (request) => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await done(indexedDB.open(info.name));
    for (const name of Array.from(db.objectStoreNames)) {
      const store = db.transaction(name, 'readonly').objectStore(name);
      out.push(JSON.stringify(await done(store.getAllKeys())), JSON.stringify(await done(store.getAll())));
    }
    db.close();
  }
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) out.push(storage.key(i), storage.getItem(storage.key(i)));
  }
  out.push(document.cookie);
  out.push(...window.__seen);
  return out;
})()`;

async function collect(page: Page): Promise<string[]> {
  return (await page.evaluate(COLLECT_SCRIPT)) as string[];
}

/** Token-like substrings: 16 or more characters a token could be made of. */
function candidates(strings: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of strings) for (const match of text.matchAll(/[A-Za-z0-9._~+/=-]{16,}/g)) found.add(match[0]);
  return [...found];
}

/** Which candidates work, tried from outside the browser, as a bearer token, a refresh token and a session cookie. */
async function working(list: readonly string[]): Promise<{ bearer: string[]; refresh: string[]; session: string[] }> {
  const result = { bearer: [] as string[], refresh: [] as string[], session: [] as string[] };
  const queue = [...list];
  const worker = async () => {
    for (let candidate = queue.shift(); candidate !== undefined; candidate = queue.shift()) {
      const asBearer = await fetch(`${demo.url}/api/users/self`, { headers: { authorization: `Bearer ${candidate}` } });
      if (asBearer.status === 200) result.bearer.push(candidate);
      const asRefresh = await fetch(`${demo.url}/api/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: candidate, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
      });
      if (asRefresh.status === 200) result.refresh.push(candidate);
      if (/^[\w-]{43}$/.test(candidate)) {
        const asSession = await fetch(`${demo.url}/broker/session`, { headers: { cookie: `sso_session=${candidate}`, 'x-sso-launcher': '1' } });
        if (((await asSession.json()) as { data: { status: string } }).data.status !== 'signed-out') result.session.push(candidate);
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return result;
}

/** Signs in with MFA (a wrong code first), reloads, and answers everything a page script could collect. */
async function harvest(path: string): Promise<string[]> {
  const context = await demo.newContext();
  await context.addInitScript(CAPTURE_SCRIPT);
  const page = await context.newPage();
  await page.goto(path);
  await signIn(page, USERS.mfaAgent.email, DEMO_PASSWORD);
  await verify(page, totp(MFA_SECRET));
  await appNames(page);
  await page.reload();
  await appNames(page);
  // The grid after the reload is painted from the cache first; wait for the revalidation's API call too,
  // so the harvest always includes the API traffic (else it races the collection).
  await page.waitForFunction('window.__seen.some((s) => s.includes("sso_applications"))');
  // The account area too: it reads the profile and offers MFA settings.
  return collect(page);
}

describe('broker sessions: nothing for a page script to take', () => {
  it('in broker mode, no string the page can reach works as a token or a session', TEST, async () => {
    const strings = await harvest('/');
    const list = candidates(strings);
    assert.ok(list.length > 20, `the harvest found ${list.length} candidates: it read the storage and the traffic`);
    assert.ok(strings.some((s) => s.includes('/broker/api/')), 'the capture saw the API traffic');
    const found = await working(list);
    assert.deepEqual(found, { bearer: [], refresh: [], session: [] });
  });

  it('in bearer mode the same harvest finds working tokens (the test can fail)', TEST, async () => {
    const found = await working(candidates(await harvest('/?session=bearer')));
    assert.ok(found.bearer.length > 0, 'an access token was in reach');
    assert.ok(found.refresh.length > 0, 'a refresh token was in reach');
  });
});

// ---- Another origin ----

/** A page the test serves on its own port: it tries, with the agent's cookie in the browser, to act on the broker. */
function hostilePage(broker: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Hostile</title>
<iframe name="sink"></iframe>
<form id="f1" method="POST" action="${broker}/session" target="sink"><input name="username" value="x"></form>
<form id="f2" method="POST" action="${broker}/api/users/self/mfa/setup" enctype="text/plain" target="sink"><input name='{"a":"' value='"}'></form>
<script type="module">
const results = {};
const tryIt = async (name, run) => { try { const r = await run(); results[name] = 'status ' + r.status + ' ' + (r.type === 'opaque' ? 'opaque' : await r.text()); } catch (e) { results[name] = 'blocked: ' + e.name; } };
await tryIt('delete session', () => fetch('${broker}/session', { method: 'DELETE', credentials: 'include' }));
await tryIt('delete session with header', () => fetch('${broker}/session', { method: 'DELETE', credentials: 'include', headers: { 'x-sso-launcher': '1' } }));
await tryIt('no-cors mfa setup', () => fetch('${broker}/api/users/self/mfa/setup', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{}' }));
await tryIt('no-cors mfa remove', () => fetch('${broker}/api/users/self/mfa', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"token":"000000"}' }));
await tryIt('read profile', () => fetch('${broker}/api/users/self', { credentials: 'include' }));
await tryIt('read profile with header', () => fetch('${broker}/api/users/self', { credentials: 'include', headers: { 'x-sso-launcher': '1' } }));
await tryIt('read session', () => fetch('${broker}/session', { credentials: 'include' }));
results.beacon = String(navigator.sendBeacon('${broker}/api/users/self/mfa/setup', new Blob(['{}'], { type: 'text/plain' })));
document.getElementById('f1').submit();
await new Promise((r) => setTimeout(r, 300));
document.getElementById('f2').submit();
await new Promise((r) => setTimeout(r, 700));
window.results = results;
</script>`;
}

describe('broker sessions: another origin can do nothing with the cookie', () => {
  let server: Server;
  let port = 0;
  before(async () => {
    server = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(hostilePage(`${demo.url}/broker`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // localhost is another site than 127.0.0.1 (SameSite keeps the cookie home); 127.0.0.1 on another
  // port is the same site, another origin: the cookie goes along, and the broker's own checks must hold.
  for (const host of ['localhost', '127.0.0.1']) {
    it(`a page on http://${host}:<port> changes nothing and reads nothing`, TEST, async () => {
      const context = await demo.newContext();
      const page = await context.newPage();
      await page.goto('/');
      await signIn(page, USERS.agent.email, DEMO_PASSWORD);
      await appNames(page);
      // The page's own calls after the grid (chatbots, the admin check) are over before counting.
      await page.waitForLoadState('networkidle');
      const before = ((await demo.sim('requests', undefined, 'GET')) as { data: unknown[] }).data.length;

      const hostile = await context.newPage();
      await hostile.goto(`http://${host}:${port}/`);
      await hostile.waitForFunction(() => 'results' in window, undefined, { timeout: 10_000 });
      await hostile.waitForTimeout(300);
      const results = (await hostile.evaluate(() => (window as unknown as { results: Record<string, string> }).results)) as Record<string, string>;

      // Nothing reached Rechat on the agent's behalf (the page's own calls were over before `before`).
      const log = ((await demo.sim('requests', undefined, 'GET')) as { data: Array<{ method: string; path: string }> }).data.slice(before);
      assert.deepEqual(log.filter((r) => !r.path.includes('/icon')), [], JSON.stringify(results));
      // Nothing was read: every attempt was blocked by CORS or opaque.
      for (const [name, result] of Object.entries(results)) {
        if (name === 'beacon') continue;
        assert.match(result, /^(blocked: TypeError|status 0 opaque)$/, `${name}: ${result}`);
      }
      // And the agent is still signed in.
      await page.reload();
      await appNames(page);
      assert.equal(await launcher(page).getByLabel('Password', { exact: true }).count(), 0);
    });
  }
});

// ---- Session ends ----

async function signedInPage(): Promise<{ context: BrowserContext; page: Page; cookie: string }> {
  const context = await demo.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page, USERS.agent.email, DEMO_PASSWORD);
  await appNames(page);
  // The chatbots and the admin check leave once the grid is drawn: a test that expires the tokens while
  // one is on its way sees the broker refresh them for it (as it should), before the test's fault is set.
  await page.waitForLoadState('networkidle');
  const cookie = (await context.cookies(`${demo.url}/broker/session`)).map((c) => `${c.name}=${c.value}`).join('; ');
  assert.match(cookie, /^sso_session=[\w-]{43}$/);
  return { context, page, cookie };
}

async function brokerStatus(cookie: string): Promise<string> {
  const response = await fetch(`${demo.url}/broker/session`, { headers: { cookie, 'x-sso-launcher': '1' } });
  return ((await response.json()) as { data: { status: string } }).data.status;
}

/** After a reload, the element asks for sign-in, and the broker no longer knows the old cookie. */
async function assertEnded(page: Page, cookie: string): Promise<void> {
  await page.reload();
  await launcher(page).getByLabel('Password', { exact: true }).waitFor();
  assert.equal(await brokerStatus(cookie), 'signed-out');
  const api = await fetch(`${demo.url}/broker/api/users/self`, { headers: { cookie, 'x-sso-launcher': '1' } });
  assert.equal(api.status, 401);
}

describe('broker sessions end', () => {
  before(() => {
    offsetMs = 0;
  });
  after(() => {
    offsetMs = 0;
  });

  it('after 8 hours without use (idle)', TEST, async () => {
    const { page, cookie } = await signedInPage();
    offsetMs += 7 * 3_600_000 + 59 * 60_000;
    assert.equal(await brokerStatus(cookie), 'signed-in', 'used again just under the idle limit');
    offsetMs += 8 * 3_600_000 + 60_000;
    await assertEnded(page, cookie);
  });

  it('7 days after sign-in however much it is used (absolute)', TEST, async () => {
    const { page, cookie } = await signedInPage();
    for (let hours = 7; hours < 7 * 24; hours += 7) {
      offsetMs += 7 * 3_600_000;
      assert.equal(await brokerStatus(cookie), 'signed-in', `still signed in after ${hours} hours of use`);
    }
    offsetMs += 7 * 3_600_000;
    await assertEnded(page, cookie);
  });

  it('at sign-out', TEST, async () => {
    const { page, cookie } = await signedInPage();
    await launcher(page).getByRole('button', { name: 'Sign out', exact: true }).click();
    // Signing out waits for the broker's answer; a reload before it would cancel the request.
    await launcher(page).getByText("You're signed out.").waitFor();
    await assertEnded(page, cookie);
  });

  it('when Rechat refuses the refresh', TEST, async () => {
    const { page, cookie } = await signedInPage();
    await demo.sim('expire-tokens');
    await demo.sim('faults', { kind: 'body', status: 400, body: { error: 'invalid_grant' }, match: '/oauth2/token', count: 1 });
    await assertEnded(page, cookie);
  });
});
