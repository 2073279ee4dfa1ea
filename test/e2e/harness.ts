/**
 * End-to-end harness: the demo server (intranet page + built embed + API simulator) on a free port,
 * and the system Chromium driven by playwright-core. Run by `node --import tsx --test` (node:test).
 *
 * ```ts
 * const demo = useDemo(); // started before the file's tests, reset before each, closed after
 * it('…', async () => { const page = await (await demo.newContext()).newPage(); … });
 * ```
 * Each test takes a fresh browser context (its own IndexedDB, so its own session and cache).
 * @module
 */
import { after, afterEach, before, beforeEach } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../demo/server.ts';
import { chromiumArgs, chromiumPath } from '../chromium.js';

/** How long a single wait may take before a test fails (the demo is local: answers take milliseconds). */
export const WAIT_MS = 10_000;

/** A running demo and browser. */
export interface Demo {
  /** Origin of the demo server, such as `http://127.0.0.1:41234`. */
  url: string;
  browser: Browser;
  server: DemoServer;
  /** A fresh context (cookies, IndexedDB, cache) whose `baseURL` is the demo, so `page.goto('/')` works. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Closes every context opened by {@link Demo.newContext} so far. Call it in `afterEach`. */
  closeContexts(): Promise<void>;
  /**
   * Calls a simulator control route: `POST /api/__sim/<path>` with `body` as JSON (or `GET` when
   * `method` says so). Resolves with the parsed answer; rejects when the route answers an error.
   * @example
   * await demo.sim('reset');
   * await demo.sim('faults', { kind: 'delay', ms: 3000, match: 'sso_applications' });
   */
  sim(path: string, body?: unknown, method?: 'GET' | 'POST' | 'DELETE'): Promise<unknown>;
  /** Closes the browser and the server. */
  close(): Promise<void>;
}

/**
 * The demo for one test file: started before its tests, the simulator reset before each test, every
 * browser context closed after each, all closed at the end. The object is filled in when the demo
 * has started (in the first `before` hook), so read its fields inside tests and hooks.
 */
export function useDemo(options: Omit<DemoServerOptions, 'port'> = {}): Demo {
  const demo = {} as Demo;
  before(async () => {
    Object.assign(demo, await startDemo(options));
  });
  beforeEach(async () => {
    await demo.sim('reset');
  });
  afterEach(async () => {
    await demo.closeContexts();
  });
  after(async () => {
    await demo.close?.();
  });
  return demo;
}

/** Starts the demo server on a free port and launches Chromium (headless, the machine's own binary). */
export async function startDemo(options: Omit<DemoServerOptions, 'port'> = {}): Promise<Demo> {
  const server = await startDemoServer({ ...options, port: 0 });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  } catch (error) {
    await server.close();
    throw error;
  }
  const contexts = new Set<BrowserContext>();

  const closeContexts = async () => {
    const open = [...contexts];
    contexts.clear();
    await Promise.all(open.map((context) => context.close().catch(() => undefined)));
  };

  return {
    url: server.url,
    browser,
    server,
    async newContext(options = {}) {
      const context = await browser.newContext({ baseURL: server.url, ...options });
      context.setDefaultTimeout(WAIT_MS);
      contexts.add(context);
      return context;
    },
    closeContexts,
    async sim(path, body, method = 'POST') {
      const response = await fetch(`${server.url}/api/__sim/${path.replace(/^\/+/, '')}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Simulator control ${method} /api/__sim/${path} failed with ${response.status}: ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    async close() {
      await closeContexts();
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

function totpFor(secret: string): TOTP {
  // The parameters every authenticator app assumes, and the simulator uses (RFC 6238 defaults).
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/**
 * The current TOTP code for a base32 secret, as an authenticator app would show it.
 * @see https://www.rfc-editor.org/rfc/rfc6238
 */
export function totp(secret: string, timestamp = Date.now()): string {
  return totpFor(secret).generate({ timestamp });
}

/**
 * A well-formed 6-digit code that is *not* valid for `secret` anywhere near now (two periods either
 * side), so a "wrong code" test cannot pass by luck.
 */
export function wrongTotp(secret: string, timestamp = Date.now()): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((step) => totp(secret, timestamp + step * 30_000)));
  for (const candidate of ['123456', '000000', '999999', '314159']) {
    if (!valid.has(candidate)) return candidate;
  }
  throw new Error('unreachable: four fixed codes cannot all be valid at once');
}

// ---- Page helpers: accessible locators, scoped to the element (they pierce its shadow root) ----

/** The `<sso-launcher>` on the page. */
export function launcher(page: Page): Locator {
  return page.locator('sso-launcher');
}

/** The tile links of the launcher (the ready grid), named by app. */
export function appLinks(page: Page): Locator {
  return launcher(page).getByRole('link');
}

/** An error message of the launcher that has text (an empty live region is not an error). */
export function alert(page: Page): Locator {
  return launcher(page).getByRole('alert').filter({ hasText: /\S/ });
}

/** Fills and submits the sign-in form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  const root = launcher(page);
  await root.getByLabel('Email', { exact: true }).fill(email);
  await root.getByLabel('Password', { exact: true }).fill(password);
  await root.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Fills and submits the verification-code form. */
export async function verify(page: Page, code: string): Promise<void> {
  const root = launcher(page);
  await root.getByLabel('Verification code', { exact: true }).fill(code);
  await root.getByRole('button', { name: 'Verify', exact: true }).click();
}

/**
 * Waits for the grid, then answers the accessible names of its tiles, in page order (read from the
 * accessibility tree, as a screen reader would announce them).
 */
export async function appNames(page: Page, timeout = WAIT_MS): Promise<string[]> {
  await appLinks(page).first().waitFor({ state: 'visible', timeout });
  const snapshot = await launcher(page).ariaSnapshot();
  return [...snapshot.matchAll(/- link "((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);
}

/** The `<h1>` of a newly opened tab, once it has landed somewhere other than about:blank. */
export async function landedHeading(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor({ state: 'visible', timeout: WAIT_MS });
  return (await heading.innerText()).trim();
}
