/**
 * End-to-end: two tabs of an `http://` intranet (not a secure context, so no `navigator.locks`) race a
 * refresh of the same rotating refresh token, 20 times. The cross-tab lease lock (core/lease-lock.ts)
 * must make exactly one refresh per round at the simulator, and neither tab may be signed out.
 *
 * `localhost` and `127.0.0.1` count as secure contexts, so Chromium is told to resolve a made-up
 * intranet name to 127.0.0.1 (`--host-resolver-rules`): the page is `http://intranet.test:<port>/`.
 * Needs `npm run build` first (`npm test` does it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoBroker } from '../../demo/broker.ts';
import { startDemoServer, type DemoServer } from '../../demo/server.ts';
import { DEMO_PASSWORD, USERS } from '../../demo/simulator/index.ts';
import { chromiumArgs, chromiumPath } from '../chromium.js';
import { WAIT_MS, appNames, launcher, signIn } from './harness.ts';

const HOST = 'intranet.test';
const ROUNDS = 20;
/** A slow token endpoint (a real one over a real network): the two tabs' refreshes then overlap. */
const TOKEN_DELAY_MS = 300;

let server: DemoServer;
let browser: Browser;
let context: BrowserContext;
let origin = '';

/** Calls a simulator control route (see demo/simulator/README.md). */
async function sim(path: string, body?: unknown, method = 'POST'): Promise<unknown> {
  const response = await fetch(`${server.url}/api/__sim/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Simulator control ${method} /api/__sim/${path} failed with ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** How many `POST /oauth2/token` reached the simulator (sign-ins and refreshes; the broker's proxy passes them on). */
async function tokenRequests(): Promise<number> {
  const log = (await sim('requests', undefined, 'GET')) as { data: Array<{ method: string; path: string }> };
  return log.data.filter((r) => r.method === 'POST' && r.path === '/oauth2/token').length;
}

/** Requests in flight, per tab. */
const inflight = new Map<Page, number>();
function track(page: Page): Page {
  inflight.set(page, 0);
  const add = (n: number) => inflight.set(page, (inflight.get(page) ?? 0) + n);
  page.on('request', () => add(1));
  page.on('requestfinished', () => add(-1));
  page.on('requestfailed', () => add(-1));
  return page;
}

/**
 * Resolves once no tab has had a request in flight for `quietMs`: every call of the round, and so
 * every refresh and every hold of the lock, is over. A reload in the middle of a refresh would kill
 * the tab between the server rotating the token and the tab saving it, which no lock can prevent (the
 * same happens when an agent closes a tab then): that is not what this test is about.
 */
async function settled(quietMs = 1000): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let quietSince = Date.now();
  for (;;) {
    if ([...inflight.values()].some((n) => n > 0)) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    if (Date.now() > deadline) throw new Error('the tabs never settled');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Reloads the tab and resolves once its grid came back from the network (a 200 for the app list), or
 * rejects as soon as the tab shows the sign-in form instead.
 */
async function reloadAndRevalidate(page: Page, label: string): Promise<void> {
  const listed = page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname.endsWith('/sso_applications') && r.status() === 200,
    { timeout: WAIT_MS },
  );
  const signedOut = launcher(page)
    .getByLabel('Email', { exact: true })
    .waitFor({ state: 'visible', timeout: WAIT_MS })
    .then(() => Promise.reject(new Error(`${label} was signed out`)));
  // Whichever loses the race must not become an unhandled rejection later.
  listed.catch(() => undefined);
  signedOut.catch(() => undefined);
  await page.reload();
  await Promise.race([listed, signedOut]);
}

describe('two tabs of a non-secure intranet page refreshing at once', () => {
  before(async () => {
    // The broker is told its page's origin is the intranet name, as a brokerage would configure it.
    let broker: ((request: Request) => Promise<Response>) | undefined;
    server = await startDemoServer({
      port: 0,
      broker: (request) => (broker ??= demoBroker(server.simulator, () => origin))(request),
    });
    origin = `http://${HOST}:${new URL(server.url).port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [...chromiumArgs, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
      headless: true,
    });
    context = await browser.newContext({ baseURL: origin });
    context.setDefaultTimeout(WAIT_MS);
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  const PAGE = '/?session=bearer';

  it(`make ${ROUNDS} refreshes in ${ROUNDS} rounds, and neither tab is signed out`, { timeout: 180_000 }, async () => {
    const tabA = track(await context.newPage());
    // Bearer mode: the page itself refreshes the pair, which is what the lock serialises (in broker
    // mode the broker refreshes, and this test would pass without testing the page's lock).
    await tabA.goto(PAGE);
    // The premise: this page has no Web Locks API.
    assert.deepEqual(await tabA.evaluate(() => [window.isSecureContext, 'locks' in navigator]), [false, false]);
    await signIn(tabA, USERS.agent.email, DEMO_PASSWORD);
    await appNames(tabA);
    const tabB = track(await context.newPage());
    await tabB.goto(PAGE);
    await appNames(tabB); // signed in from the shared IndexedDB
    await settled(); // the grid painted from the cache; its revalidation is over too

    const before = await tokenRequests();
    for (let round = 1; round <= ROUNDS; round++) {
      const start = await tokenRequests();
      // Every access token dies, so each tab's next call gets a 401 and refreshes.
      await sim('expire-tokens');
      await sim('faults', { kind: 'delay', ms: TOKEN_DELAY_MS, match: '/oauth2/token', count: 1 });
      await Promise.all([reloadAndRevalidate(tabA, `round ${round}: tab A`), reloadAndRevalidate(tabB, `round ${round}: tab B`)]);
      await settled();
      assert.equal((await tokenRequests()) - start, 1, `round ${round}: one refresh`);
    }
    assert.equal((await tokenRequests()) - before, ROUNDS);

    // Both tabs are still signed in with the last pair: a reload needs no refresh and lists the apps.
    await Promise.all([reloadAndRevalidate(tabA, 'tab A at the end'), reloadAndRevalidate(tabB, 'tab B at the end')]);
    assert.equal((await tokenRequests()) - before, ROUNDS);
  });
});
