/**
 * Every extension API call of the extension goes through this module, and it is the only one that
 * imports `webextension-polyfill`. Each quirk between Chrome and Firefox is handled once, here, with
 * the reason and when it can go.
 *
 * `webextension-polyfill` is end-of-life. Chrome 148+ and Firefox have promise-based `browser.*`
 * natively, and the polyfill then returns `globalThis.browser` untouched. This import can be removed
 * (replaced by `globalThis.browser`) once `minimum_chrome_version` in manifest.ts is 148 or more.
 *
 * Nothing here is unit-tested: the logic lives in pure modules (messages.ts, settings.ts, omnibox.ts,
 * freshness.ts) and this file only forwards. The end-to-end test exercises it in Chromium.
 * @module
 */
import browser from 'webextension-polyfill';
import type { Runtime } from 'webextension-polyfill';
import type { Disposition } from './omnibox.ts';
import { dispatch, type ExtensionSelf, type MessageRequest, type MessageTable } from './messages.ts';
import { USER_SETTINGS_KEY, resolveSettings, type ResolvedSettings } from './settings.ts';

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
 * (148+, which the polyfill then passes through) only learnt promise-returning listeners recently, and
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

/** Where the last policy read is copied, for a fast first paint. Written only by {@link readManagedSettings}. */
const POLICY_COPY_KEY = 'policyCopy';

/**
 * What the brokerage pushed through enterprise policy; `{}` without one.
 *
 * Firefox reads managed storage from policies.json (`"3rdparty": {"Extensions": {"<gecko id>": {...}}}`)
 * and rejects with "Managed storage manifest not found" when there is none; Chrome answers `{}`.
 * Both mean "no policy" here.
 *
 * Chromium's first `storage.managed.get()` of a browser session took about 3 s on our machines (later
 * ones take a millisecond), so each read also refreshes a copy in `storage.local` that the popup paints
 * from (see {@link readSettingsFast}).
 * @see https://mozilla.github.io/policy-templates/#3rdparty
 */
export async function readManagedSettings(): Promise<Record<string, unknown>> {
  let managed: Record<string, unknown>;
  try {
    managed = (await browser.storage.managed.get()) ?? {};
  } catch {
    managed = {};
  }
  const { [POLICY_COPY_KEY]: copy } = await browser.storage.local.get(POLICY_COPY_KEY);
  if (JSON.stringify(copy) !== JSON.stringify(managed)) await browser.storage.local.set({ [POLICY_COPY_KEY]: managed });
  return managed;
}

/** What the options page saved, or undefined. */
export async function readUserSettings(): Promise<unknown> {
  const stored = await browser.storage.local.get(USER_SETTINGS_KEY);
  return stored[USER_SETTINGS_KEY];
}

/** The effective settings: policy over the options page over the demo defaults (settings.ts). */
export async function readSettings(): Promise<ResolvedSettings> {
  const [managed, user] = await Promise.all([readManagedSettings(), readUserSettings()]);
  return resolveSettings(managed, user);
}

/**
 * The effective settings from `storage.local` alone, with the last policy read (see
 * {@link readManagedSettings}): a few milliseconds, for a first paint. Call {@link readSettings} next for
 * the policy as it is now; it differs only when a policy was pushed since the last read.
 * When the policy has never been read (the very first run), this reads it: a sign-in form must not be
 * shown for an API that a policy is about to replace.
 */
export async function readSettingsFast(): Promise<ResolvedSettings> {
  const stored = await browser.storage.local.get([USER_SETTINGS_KEY, POLICY_COPY_KEY]);
  if (stored[POLICY_COPY_KEY] === undefined) return readSettings();
  return resolveSettings(stored[POLICY_COPY_KEY], stored[USER_SETTINGS_KEY]);
}

/** Saves the options page's settings. */
export function writeUserSettings(values: Record<string, string>): Promise<void> {
  return browser.storage.local.set({ [USER_SETTINGS_KEY]: values });
}

/** Calls `listener` when the saved settings or the policy change. Returns the function that stops it. */
export function onSettingsChanged(listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && USER_SETTINGS_KEY in changes)) listener();
  };
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

/** The first line of the dropdown, what Enter does with the text as typed. */
export function setOmniboxDefault(description: string): void {
  browser.omnibox.setDefaultSuggestion({ description });
}
