/**
 * The extension's own words (the popup's frame, the options page, the settings' field messages, the
 * "Sign in with Rechat" errors), in one table ready for translation, like the launcher's
 * (components/messages.ts). The pages follow the browser's language (`i18n.getUILanguage()`, see
 * browser.ts): English is inline, and each other language is a lazy chunk (./locales/<lang>.ts), so an
 * English popup loads nothing more. The manifest's name and description are in `_locales/` instead
 * (manifest.ts), the one place a browser reads them from.
 *
 * Static text in popup.html and options.html carries `data-i18n="<key>"` and is written in English in
 * the HTML; {@link localizePage} replaces it. Pure apart from the DOM it is given: unit-tested in a page.
 * @module
 */
import type { SettingKey } from './settings.ts';

export const extEn = {
  // The popup.
  loading: 'Loading…',
  settings: 'Settings',
  popupTitle: 'SSO Launcher',
  usingDemo: 'Using the local demo; open settings to configure.',
  policyInvalid: 'Some settings from your organisation are invalid; see Settings.',
  // "Sign in with Rechat" (rechat-sign-in.ts and the background), as the popup shows them.
  rechatCancelled: 'Sign-in was cancelled.',
  rechatUnexpected: 'The sign-in ended somewhere unexpected. Try again.',
  rechatRefused: 'Rechat refused the sign-in.',
  rechatUnchecked: 'This sign-in could not be checked, so it was stopped.',
  rechatUnavailable: 'Sign in with Rechat is not available here.',
  // The address bar's "sso" keyword (background.ts); `description` is the app, already marked up.
  omniboxDefault: 'Open an app of the SSO launcher: type its name',
  omniboxSignIn: 'Sign in from the SSO Launcher toolbar button first',
  omniboxOpen: (description: string) => `Open ${description}`,
  omniboxNoMatch: (text: string) => `No app matches "${text}"`,
  // The options page: static text.
  optionsTitle: 'SSO Launcher settings',
  policyNote: 'Some settings are set by your organisation and cannot be changed here.',
  connection: 'Connection',
  connectionSettings: 'Connection settings',
  apiBaseLabel: 'API base URL',
  apiBaseHint: 'The Rechat API, such as https://api.rechat.com.',
  clientIdLabel: 'Client id',
  clientIdHint: 'The OAuth client id your brokerage was given.',
  brandLabel: 'Brand',
  brandHint: 'The brand (office or team) whose apps are shown.',
  tokenEndpointLabel: 'Token endpoint',
  tokenEndpointHint: "Your brokerage's sign-in proxy, if it has one. Empty: the API's own.",
  brokerLabel: 'Broker URL',
  brokerHint: 'The token broker, for chatbot apps.',
  optional: '(optional)',
  save: 'Save',
  access: 'Access',
  accessIntro: 'The launcher needs your permission to reach these servers.',
  account: 'Account',
  checking: 'Checking…',
  signOut: 'Sign out',
  rechatTitle: 'Sign in with Rechat',
  rechatIntro: 'For "Sign in with Rechat", your brokerage registers this exact redirect URL with Rechat, and lists it in the broker’s setting',
  administration: 'Administration',
  // The options page: what its script says.
  notSaved: 'Not saved: please correct the fields marked in red.',
  saved: 'Saved.',
  savedNoAccess: (hosts: string) => `Saved, but access to ${hosts} was not allowed: the launcher cannot reach it until you allow it below.`,
  brandsFailed: (reason: string) => `Your brands could not be listed: ${reason}`,
  unknownUser: 'an unknown user',
  signedInAs: (who: string, apiBase: string) => `Signed in as ${who} at ${apiBase}.`,
  waitingForCode: (who: string) => `Signing in as ${who}: waiting for the verification code.`,
  notSignedIn: 'Not signed in. Sign in from the SSO Launcher button in the toolbar.',
  accountFailed: (reason: string) => `The account could not be checked: ${reason}`,
  signOutFailed: (reason: string) => `Could not sign out: ${reason}`,
  locked: 'Set by your organisation',
  policyIgnored: (reason: string) => `Your organisation's value was ignored: ${reason}`,
  notYourBrand: (value: string) => `${value} (not one of your brands)`,
  allowAccess: (host: string) => `Allow access to ${host}`,
  // The settings' field messages (settings.ts). `fieldNames` fill the sentences that name the field.
  fieldNames: { apiBase: 'API base URL', clientId: 'client id', brand: 'brand id', tokenEndpoint: 'token endpoint', broker: 'broker URL' } as Record<SettingKey, string>,
  enterText: 'Enter text.',
  required: (what: string) => `Enter the ${what}.`,
  fullUrl: (example: string) => `Enter a full URL, such as ${example}.`,
  useHttpsUrl: 'Use an https:// URL.',
  httpsOnlyLocalhost: 'Use https:// (http:// is allowed only for localhost).',
  noCredentials: 'Leave the user name and password out of the URL.',
  tooLong: (what: string) => `The ${what} is too long.`,
  idChars: (what: string) => `The ${what} may contain only letters, digits and . _ : @ -`,
};

export type ExtensionMessages = typeof extEn;

/** The extension's languages besides English, each a lazy chunk; add one here and in ./locales/. */
export const extensionLanguages: Record<string, () => Promise<{ messages: ExtensionMessages }>> = {
  es: () => import('./locales/es.ts'),
};

/**
 * The language the extension's pages are shown in, from the browser's (`es-419` → `es`): a language
 * with a table, else English. It goes on `<html lang>`, where the launcher element reads it too.
 */
export function pageLanguage(uiLanguage: string | undefined): string {
  const base = (uiLanguage ?? '').toLowerCase().split('-')[0] ?? '';
  return base in extensionLanguages ? base : 'en';
}

/** The table of a page language (from {@link pageLanguage}); English when its chunk cannot be loaded. */
export async function extensionMessages(lang: string): Promise<ExtensionMessages> {
  const load = extensionLanguages[lang];
  if (!load) return extEn;
  try {
    return (await load()).messages;
  } catch {
    return extEn;
  }
}

/** Writes `t`'s text into every `[data-i18n]` element under `root` (a `<title>` too). */
export function localizePage(root: ParentNode, t: ExtensionMessages): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = t[el.dataset.i18n as keyof ExtensionMessages];
    if (typeof value === 'string') el.textContent = value;
  }
}

/**
 * A sentence the extension stores or receives in English (the popup's saved hint, a "Sign in with
 * Rechat" error from the background), in `t`'s language; other text as it is.
 */
export function translateStored(text: string, t: ExtensionMessages): string {
  const key = (Object.keys(extEn) as (keyof ExtensionMessages)[]).find((k) => extEn[k] === text);
  const value = key && t[key];
  return typeof value === 'string' ? value : text;
}
