/**
 * Every extension API call of the extension goes through this module. Each quirk between Chrome and
 * Firefox is handled once, here, with the reason and when it can go.
 *
 * The API is the browser's own, promise-based: `browser.*` in Firefox and in Chrome 148+, else Chrome's
 * `chrome.*`, which in Manifest V3 answers a promise when no callback is passed, for every call made
 * here at `minimum_chrome_version` 120 (manifest.ts). `webextension-polyfill` is no longer loaded: it
 * passed `globalThis.browser` through untouched wherever that exists, so it only cost the popup 10 kB
 * of script before its first paint (issue 15). Its types are still the API's types.
 *
 * Nothing here is unit-tested: the logic lives in pure modules (messages.ts, settings.ts, omnibox.ts,
 * freshness.ts) and this file only forwards. The end-to-end tests exercise it in Chromium and Firefox.
 * @module
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import type { Disposition } from './omnibox.ts';
import { setHostPermissionCheck } from '../core/network-diagnosis.ts';
import { hostPattern } from './host-permissions.ts';
import { dispatch, type ExtensionSelf, type MessageRequest, type MessageTable } from './messages.ts';

const native = globalThis as unknown as { browser?: Browser; chrome: Browser };
const browser: Browser = native.browser ?? native.chrome;

/** This extension's id and base URL, for checking who sends a message. */
export function extensionSelf(): ExtensionSelf {
  return { id: browser.runtime.id, baseUrl: browser.runtime.getURL('') };
}

/** True in Firefox (moz-extension:), where some APIs differ. */
export function isFirefox(): boolean {
  return browser.runtime.getURL('').startsWith('moz-extension:');
}

/** The URL of a file of the extension. */
export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}

// --- Messages ---------------------------------------------------------------------------------------

/** Sends a request to the background (see messages.ts `createCaller`). */
export function sendMessage(message: MessageRequest): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/**
 * Answers our pages' messages from `table`. Messages from anyone else get no reply.
 *
 * Uses `sendResponse` + `return true` rather than returning a promise: Chrome's native `browser`
 * (148+) only learnt promise-returning listeners recently, and
 * the callback form works in every version of both browsers. Can become `return reply` when
 * `minimum_chrome_version` covers promise-returning `onMessage` listeners.
 */
export function serveMessages(table: MessageTable): void {
  browser.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (response: unknown) => void) => {
    const reply = dispatch(table, message, sender, extensionSelf());
    if (!reply) return false;
    void reply.then(sendResponse);
    return true;
  }) as Runtime.OnMessageListenerCallback);
}

// --- Storage ------------------------------------------------------------------------------------------

/** Reads keys of `storage.local`. */
export function readLocal(keys: string[]): Promise<Record<string, unknown>> {
  return browser.storage.local.get(keys);
}

/** Writes to `storage.local`. */
export function writeLocal(items: Record<string, unknown>): Promise<void> {
  return browser.storage.local.set(items);
}

/**
 * What the brokerage pushed through enterprise policy (`storage.managed`); `{}` without one.
 *
 * Firefox reads managed storage from policies.json (`"3rdparty": {"Extensions": {"<gecko id>": {...}}}`)
 * and rejects with "Managed storage manifest not found" when there is none; Chrome answers `{}`.
 * Both mean "no policy" here.
 * @see https://mozilla.github.io/policy-templates/#3rdparty
 */
export async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get()) ?? {};
  } catch {
    return {};
  }
}

/** Calls `listener` with the changed keys and the area (`local`, `managed`, ...) on every storage change. */
export function onStorageChanged(listener: (keys: string[], area: string) => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => listener(Object.keys(changes), area);
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

// --- Tabs and windows ---------------------------------------------------------------------------------

/**
 * Opens `url` in a new tab. Tabs made by `tabs.create` have no `window.opener` (there is no opener
 * page), and no `openerTabId` is passed, so the app cannot reach back into the extension.
 */
export async function openTab(url: string, options: { active?: boolean } = {}): Promise<void> {
  await browser.tabs.create({ url, active: options.active ?? true });
}

/** Opens `url` where the address bar asked: the current tab, or a new one. */
export async function openForDisposition(url: string, disposition: Disposition): Promise<void> {
  if (disposition === 'currentTab') await browser.tabs.update({ url });
  else await openTab(url, { active: disposition === 'newForegroundTab' });
}

/** Opens the options page. */
export function openOptionsPage(): Promise<void> {
  return browser.runtime.openOptionsPage();
}

/**
 * Closes this page if it is the toolbar popup, and leaves it open when the same page was opened in a
 * tab (as the end-to-end tests and "open in tab" users do).
 */
export function closeIfPopup(): void {
  const popups = browser.extension.getViews?.({ type: 'popup' }) ?? [];
  if (popups.includes(window)) window.close();
}

// --- Alarms ---------------------------------------------------------------------------------------------

/** Sets (or replaces) a one-shot alarm at `when` (epoch ms). */
export function setAlarm(name: string, when: number): Promise<void> {
  return browser.alarms.create(name, { when });
}

/** Sets (or replaces) a repeating alarm. Chrome's minimum period is 30 s. */
export function setRepeatingAlarm(name: string, periodInMinutes: number): Promise<void> {
  return browser.alarms.create(name, { periodInMinutes, delayInMinutes: periodInMinutes });
}

/** Clears an alarm. */
export async function clearAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name);
}

/** Calls `listener` with the alarm's name when one fires. */
export function onAlarm(listener: (name: string) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => listener(alarm.name));
}

/** Calls `listener` when the extension is installed or updated, and when the browser starts. */
export function onInstalledOrStartup(listener: () => void): void {
  browser.runtime.onInstalled.addListener(() => listener());
  browser.runtime.onStartup.addListener(() => listener());
}

// --- Omnibox --------------------------------------------------------------------------------------------

/** A suggestion; `description` is XML in Chrome and plain text in Firefox (see {@link omniboxMarkup}). */
export interface Suggestion {
  content: string;
  description: string;
}

/** Chrome's descriptions take XML markup (`<match>`, `<url>`); Firefox shows them as text. */
export function omniboxMarkup(): boolean {
  return !isFirefox();
}

/** Listens to the keyword's input. `suggest` must be called once per change. */
export function onOmniboxInput(listener: (text: string, suggest: (suggestions: Suggestion[]) => void) => void): void {
  browser.omnibox.onInputChanged.addListener(listener);
}

/** Listens to Enter in the keyword's input. */
export function onOmniboxEnter(listener: (text: string, disposition: Disposition) => void): void {
  browser.omnibox.onInputEntered.addListener(listener);
}

/** The browser's interface language (BCP 47), which the extension's pages follow (i18n.ts `pageLanguage`). */
export function uiLanguage(): string {
  return browser.i18n?.getUILanguage?.() ?? navigator.language;
}

/** The first line of the dropdown, what Enter does with the text as typed. */
export function setOmniboxDefault(description: string): void {
  browser.omnibox.setDefaultSuggestion({ description });
}

// --- Host permissions -------------------------------------------------------------------------------------

/** Whether the extension holds every one of these host permissions (match patterns). */
export function hasHostPermissions(patterns: string[]): Promise<boolean> {
  return browser.permissions.contains({ origins: patterns });
}

/**
 * Asks the agent for host permissions (the browser shows its prompt; answers true when granted).
 * Must be called synchronously inside a click or submit handler: Firefox refuses a request made after an
 * `await` ("permissions.request may only be called from a user input handler"), Chrome after the gesture.
 */
export function requestHostPermissions(patterns: string[]): Promise<boolean> {
  return browser.permissions.request({ origins: patterns });
}

/** Calls `listener` when host permissions are granted or withdrawn (also from the browser's own UI). */
export function onHostPermissionsChanged(listener: () => void): void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
}

/**
 * Makes the core check the host permission before each request, and fail at once with "permission not
 * granted" for a host without one (core/network-diagnosis.ts), instead of trying CORS and saying
 * "offline". Answers are cached per pattern until a permission is granted or withdrawn. Called once at
 * the start of each page and of the background.
 */
export function reportMissingHostPermissions(): void {
  const known = new Map<string, Promise<boolean>>();
  onHostPermissionsChanged(() => known.clear());
  setHostPermissionCheck(async (url) => {
    const pattern = hostPattern(url);
    if (!pattern) return true;
    let answer = known.get(pattern);
    if (!answer) known.set(pattern, (answer = hasHostPermissions([pattern])));
    return answer;
  });
}

// --- Identity (Sign in with Rechat) ---------------------------------------------------------------------

/**
 * The URL an authorization flow ends at, to register with Rechat: `https://<id>.chromiumapp.org/` in
 * Chrome, `https://<hash>.extensions.allizom.org/` in Firefox. The browser never loads it: it closes the
 * sign-in window there and hands the URL to {@link launchWebAuthFlow}.
 */
export function identityRedirectUrl(): string {
  return browser.identity.getRedirectURL();
}

/** Opens the browser's sign-in window at `url`; resolves with the redirect URL it ended at (code and state in its query). */
export function launchWebAuthFlow(url: string): Promise<string> {
  return browser.identity.launchWebAuthFlow({ url, interactive: true });
}
