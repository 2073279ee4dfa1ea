/**
 * End-to-end harness for Firefox: the system firefox-esr driven by puppeteer-core over WebDriver BiDi
 * (playwright-core cannot drive a stock Firefox, nor install an add-on). Run by `node --import tsx --test`.
 *
 * ```ts
 * const fx = await launchFirefox();                  // headless, prefs for a quiet offline machine
 * const page = await fx.browser.newPage();           // a web page, as usual
 * const popup = await fx.openExtensionPage(UUID, 'extension/popup.html'); // an installed add-on's page
 * ```
 *
 * Three Firefox traps are handled here once (TOOLCHAIN.md, "Firefox, for real"): extension pages need
 * `--remote-allow-system-access`; `page.goto()` to them never resolves (puppeteer#14314), so they are
 * opened with BiDi's own `browsingContext.navigate`; and their errors are not reported to puppeteer, so
 * they are read from the Browser Console through BiDi's chrome scope.
 * @module
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type Locator, type Page } from 'puppeteer-core';
import { firefoxPath, firefoxPrefs } from '../firefox.js';

/** How long a single wait may take before a test fails (as harness.ts's WAIT_MS). */
export const WAIT_MS = 10_000;

/**
 * Firefox's own Browser Console messages, not ours, left out by exact text (TOOLCHAIN.md). Each is
 * matched whole, or by the fixed start of a message whose end names a page or a conduit id.
 */
export const FIREFOX_NOISE: readonly { exact?: string; startsWith?: string; why: string }[] = [
  // An extension page with a storage.onChanged listener closes while the event is in flight.
  { startsWith: 'sendRemoveListener on closed conduit ', why: 'extension page closed with a live listener' },
  // The password manager's recipe loader at startup.
  { startsWith: 'LoginRecipes: "Falling back to a synchronous message for: ', why: 'password manager startup' },
  // Firefox's remote-control code (NavigationManager) when a tab closes mid-navigation.
  { exact: 'TypeError: can\'t access property "id", context is null', why: 'remote agent, tab closed' },
];

function isNoise(message: string): boolean {
  return FIREFOX_NOISE.some((noise) => (noise.exact !== undefined && message === noise.exact) || (noise.startsWith !== undefined && message.startsWith(noise.startsWith)));
}

/** One Browser Console entry: an nsIScriptError. */
export interface ConsoleEntry {
  level: 'error' | 'warning' | 'info';
  source: string;
  line: number;
  category: string;
  message: string;
}

/** A running Firefox. */
export interface Firefox {
  browser: Browser;
  /**
   * `console.*` lines from Firefox's stdout (pref `devtools.console.stdout.content`): BiDi does not report
   * those of extension pages, and Firefox keeps them in the extension process, out of the chrome scope's
   * reach. A page's line quotes its first argument (`console.error: "[sso-launcher] …"`).
   */
  stdout: string[];
  /** Opens an extension page (`moz-extension://<uuid>/<path>`) in a new tab of `context` (default: the browser's). */
  openExtensionPage(uuid: string, path: string, context?: BrowserContext): Promise<Page>;
  /** Points an open page at `url` the way Firefox allows for extension pages, and waits for the document. */
  navigate(page: Page, url: string): Promise<void>;
  /**
   * Runs `action`, which opens a tab, and answers the new tab's URL and heading once it shows one. Read
   * through BiDi itself: puppeteer does not report a tab that an extension page opens with
   * `window.open` (it does see those opened by `tabs.create`). The tab is closed afterwards.
   */
  openedTabHeading(action: () => Promise<unknown>): Promise<{ url: string; heading: string }>;
  /** Every Browser Console error and warning so far, without Firefox's known noise. */
  browserConsole(): Promise<ConsoleEntry[]>;
  close(): Promise<void>;
}

/** Options of {@link launchFirefox}. */
export interface LaunchOptions {
  /** Extra preferences. */
  prefs?: Record<string, unknown>;
  /** A HOME for Firefox (where it looks for `.mozilla/managed-storage/`); the caller's by default. */
  home?: string;
}

/** Launches the system Firefox, headless, with the system access extension pages need. */
export async function launchFirefox(options: LaunchOptions = {}): Promise<Firefox> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // Without it, BiDi refuses to navigate to moz-extension:// and to read the chrome scope.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { ...firefoxPrefs, 'devtools.console.stdout.content': true, ...options.prefs },
    ...(options.home ? { env: { ...process.env, HOME: options.home } } : {}),
  });
  const stdout: string[] = [];
  const child = browser.process();
  for (const stream of [child?.stdout, child?.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (data: string) => stdout.push(...data.split('\n').filter((line) => line.startsWith('console.'))));
  }
  const bidi = (method: string, params: object) =>
    (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }).connection.send(method, params);

  const navigate = async (page: Page, url: string) => {
    const context = (page.mainFrame() as unknown as { _id: string })._id;
    await bidi('browsingContext.navigate', { context, url, wait: 'complete' });
    await page.waitForFunction((u: string) => location.href === u && document.readyState === 'complete', { timeout: WAIT_MS }, url);
  };

  type Tree = { result: { contexts: { context: string; url: string }[] } };
  const topContexts = async () => ((await bidi('browsingContext.getTree', { maxDepth: 0 })) as Tree).result.contexts;

  return {
    browser,
    stdout,
    navigate,
    async openedTabHeading(action) {
      const before = new Set((await topContexts()).map((c) => c.context));
      await action();
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        const tab = (await topContexts()).find((c) => !before.has(c.context) && /^https?:/.test(c.url));
        if (tab) {
          const { result } = (await bidi('script.evaluate', {
            target: { context: tab.context },
            expression: `document.readyState === 'complete' ? document.querySelector('h1')?.textContent?.trim() ?? '' : ''`,
            awaitPromise: false,
          }).catch(() => ({ result: { result: { value: '' } } }))) as { result: { result: { value?: string } } };
          if (result.result.value) {
            await bidi('browsingContext.close', { context: tab.context }).catch(() => undefined);
            return { url: tab.url, heading: result.result.value };
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('No tab was opened');
    },
    async openExtensionPage(uuid, path, context) {
      const page = await (context ?? browser.defaultBrowserContext()).newPage();
      page.setDefaultTimeout(WAIT_MS);
      await navigate(page, `moz-extension://${uuid}/${path}`);
      return page;
    },
    async browserConsole() {
      const tree = (await bidi('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: { context: string }[] } };
      const { result } = (await bidi('script.evaluate', {
        target: { context: tree.result.contexts[0]!.context },
        awaitPromise: false,
        // nsIScriptError flags: 1 warning, 4 info (0 is an error).
        expression: `JSON.stringify(Services.console.getMessageArray()
          .filter((m) => m instanceof Ci.nsIScriptError)
          .map((m) => ({ level: m.flags & 1 ? 'warning' : m.flags & 4 ? 'info' : 'error', source: m.sourceName, line: m.lineNumber, category: m.category, message: m.errorMessage })))`,
      })) as { result: { result: { value: string } } };
      return (JSON.parse(result.result.value) as ConsoleEntry[]).filter((entry) => entry.level !== 'info' && !isNoise(entry.message));
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/** A temporary HOME holding a Firefox managed-storage policy for `geckoId` (Firefox reads it at start). */
export async function homeWithPolicy(geckoId: string, data: Record<string, unknown>): Promise<{ home: string; remove(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'sso-launcher-firefox-home-'));
  const dir = join(home, '.mozilla', 'managed-storage');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${geckoId}.json`), JSON.stringify({ name: geckoId, description: 'SSO Launcher policy (test)', type: 'storage', data }));
  return { home, remove: () => rm(home, { recursive: true, force: true }) };
}

// ---- Page helpers: the launcher's shadow DOM, through puppeteer's `>>>` (it pierces shadow roots) ----

/** A selector inside `<sso-launcher>`'s shadow root. */
export const inLauncher = (selector: string) => `sso-launcher >>> ${selector}`;

/**
 * A locator for `selector` once it shows. Use it (or `waitForSelector` with `visible` or `hidden`) for
 * anything inside a shadow root: puppeteer's locators, and `waitForSelector` without those options,
 * wait by watching the document with a MutationObserver, which does not see into shadow roots. An
 * element Lit renders after the wait began (the sign-in form after a sign-out, the code prompt after a
 * sign-in) then goes unnoticed until the timeout; `visible` polls on animation frames instead.
 */
export async function shown(page: Page, selector: string): Promise<Locator<Element>> {
  await page.waitForSelector(selector, { visible: true });
  return page.locator(selector);
}

/** Fills and submits the sign-in form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await (await shown(page, inLauncher('input[name="email"]'))).fill(email);
  await (await shown(page, inLauncher('input[name="password"]'))).fill(password);
  await (await shown(page, inLauncher('form button[type="submit"]'))).click();
}

/** Fills and submits the verification-code form. */
export async function verify(page: Page, code: string): Promise<void> {
  await (await shown(page, inLauncher('input[name="code"]'))).fill(code);
  await (await shown(page, inLauncher('form button[type="submit"]'))).click();
}

/** Waits for the grid, then answers the names of the app tiles (links), in page order. */
export async function appNames(page: Page): Promise<string[]> {
  await page.waitForSelector(inLauncher('a.tile'), { visible: true });
  return page.$$eval(inLauncher('a.tile'), (links) => links.map((link) => link.getAttribute('title') ?? ''));
}

/** The names of the chatbot tiles, once there are some. */
export async function botNames(page: Page): Promise<string[]> {
  await page.waitForSelector(inLauncher('button.tile[data-bot]'), { visible: true });
  return page.$$eval(inLauncher('button.tile[data-bot]'), (tiles) => tiles.map((tile) => tile.getAttribute('title') ?? ''));
}

/** Waits for an alert of the launcher with text, and answers its text. */
export async function alertText(page: Page): Promise<string> {
  const handle = await page.waitForFunction(() => {
    const root = document.querySelector('sso-launcher')?.shadowRoot;
    const alert = [...(root?.querySelectorAll('[role="alert"]') ?? [])].find((el) => el.textContent?.trim());
    return alert?.textContent?.replace(/\s+/g, ' ').trim().replace(/ Try again$/, '');
  });
  return (await handle.jsonValue()) as string;
}

/**
 * Waits for an element matching `selector` (`>>>` pierces shadow roots) whose text contains `text`,
 * and answers its whole text, spaces collapsed.
 */
export async function waitForText(page: Page, selector: string, text: string, timeout = WAIT_MS): Promise<string> {
  const deadline = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await page.$$eval(selector, (els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())).catch(() => []);
    const found = seen.find((content) => content.includes(text));
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No ${selector} with the text "${text}" after ${timeout} ms; seen: ${JSON.stringify(seen)}`);
}

/**
 * Runs `action`, which opens a tab in `context`, and answers that tab once it has left about:blank and
 * shows a heading: the launched app's landing page ("Signed in to <app> as <email>").
 */
export async function openedTab(context: BrowserContext, action: () => Promise<unknown>): Promise<{ page: Page; heading: string }> {
  const before = new Set(await context.pages());
  await action();
  // The new page among the context's (a tab opened by the extension's tabs.create has no opener to follow).
  let page: Page | undefined;
  for (let i = 0; !page && i < WAIT_MS / 100; i++) {
    page = (await context.pages()).find((candidate) => !before.has(candidate));
    if (!page) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!page) throw new Error('No tab was opened');
  const handle = await page.waitForFunction(() => (location.protocol.startsWith('http') ? document.querySelector('h1')?.textContent?.trim() : undefined), {
    timeout: WAIT_MS,
  });
  return { page, heading: (await handle.jsonValue()) as string };
}
