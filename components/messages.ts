/**
 * Every string the agent reads, in one place, ready for translation. English first; a host page
 * adds a language with {@link registerMessages} and picks it with the element's `lang` attribute.
 * (A table rather than @lit/localize: no build step and no runtime cost for an English-only page.)
 * @module
 */
import { catalogue } from './catalogue.ts';

export const en = {
  signInTitle: 'Sign in to your apps',
  email: 'Email',
  name: 'Name',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signInWithRechat: 'Sign in with Rechat',
  orWithPassword: 'or with your email and password',
  sessionExpired: 'Your session has expired. Sign in again to go on where you were.',
  mfaTitle: 'Two-step verification',
  mfaHint: 'Enter the 6-digit code from your authenticator app.',
  verificationCode: 'Verification code',
  verify: 'Verify',
  useAnotherAccount: 'Use a different account',
  searchApps: 'Search apps',
  searchPlaceholder: 'Search apps…',
  pinned: 'Pinned',
  recent: 'Recently used',
  allApps: 'All apps',
  pin: (name: string) => `Pin ${name}`,
  unpin: (name: string) => `Unpin ${name}`,
  /** Under the search box, and its description. */
  searchHint: 'Type to find an app, press Enter to open it.',
  /** A tile's description: the key that pins it (P; see tile-grid.ts). */
  pinKey: 'Press P to pin it to the top.',
  unpinKey: 'Pinned. Press P to unpin it.',
  results: (n: number) => (n === 1 ? '1 app' : `${n} apps`),
  noMatch: (q: string) => `No app matches “${q}”.`,
  empty: 'Your brokerage has not added any apps yet. Ask your administrator to add some.',
  loading: 'Loading your apps…',
  signOut: 'Sign out',
  signedOut: "You're signed out.",
  account: 'Account',
  manageApps: 'Manage apps',
  tryAgain: 'Try again',
  showAll: (n: number) => `Show all ${n} apps`,
  unsafeLink: 'This app has no valid web address and cannot be opened.',
  missingConfig: 'This launcher is not set up: it needs the api-base, client-id and brand attributes.',
  // Errors, in plain words, each with a way forward.
  wrongCredentials: 'The email or password is not right. Check them and try again.',
  badClient: 'This launcher is not set up correctly (its client is not recognised). Please tell your IT team.',
  offline: 'You seem to be offline. Check your connection, then try again.',
  // Network failures that are not "offline" name the server, so whoever fixes it knows which one.
  unreachable: (host: string) => `Cannot reach ${host}: it did not answer. Check the address, or try again in a moment.`,
  refused: (host: string) => `${host} refused this page: it does not accept requests from here. Please tell your IT team.`,
  noPermission: (host: string) => `Cannot reach ${host}: permission not granted. Allow access to it in the settings.`,
  timeout: 'The server took too long to answer. Try again in a moment.',
  rateLimited: (s?: number) => (s ? `Too many requests. Try again in ${s} seconds.` : 'Too many requests. Try again in a moment.'),
  /** Sign-in throttled (the broker's per-account and per-address limits): `m` whole minutes, rounded up. */
  tooManyAttempts: (m?: number) => (m ? `Too many attempts. Try again in ${m} minute${m === 1 ? '' : 's'}.` : 'Too many attempts. Try again in a moment.'),
  serverError: 'The server had a problem. Try again in a moment.',
  forbidden: 'You do not have access to these apps. Check with your administrator.',
  badResponse: 'The server sent an answer we could not read. Try again later.',
  wrongCode: 'That code is not right, or it has expired. Enter the current code from your app.',
  codeShape: 'Enter the 6-digit code from your authenticator app.',
  enterEmail: 'Enter your email.',
  enterPassword: 'Enter your password.',
  unknownError: 'Something went wrong. Try again.',
  // Account and MFA settings.
  mfaOn: 'Two-step verification is on.',
  mfaOff: 'Two-step verification is off.',
  turnOnMfa: 'Turn on two-step verification',
  turnOffMfa: 'Turn off two-step verification',
  mfaScan: 'Scan this code with your authenticator app, or enter the key by hand, then type the code it shows.',
  mfaSecret: 'Setup key',
  copy: 'Copy',
  copyKey: 'Copy the setup key',
  keyCopied: 'Setup key copied.',
  copyFailed: 'Could not copy. Select the key and copy it by hand.',
  mfaQrLabel: (label: string) => `QR code for ${label}`,
  mfaEnabled: 'Two-step verification is now on.',
  mfaDisabled: 'Two-step verification is now off.',
  mfaOffPrompt: 'Enter a current code to turn two-step verification off.',
  chatbot: 'Chatbot',
  // A chatbot Xenioo would not open (core/xenioo.ts XeniooMessage says the same in English, for logs and hosts).
  chatbotNotFound: 'This chatbot was not found. Ask your administrator.',
  chatbotIncomplete: 'The chatbot request was incomplete. Ask your administrator to check the chatbot settings.',
  chatbotUnavailable: 'The chatbot service is not answering. Try again in a moment.',
  openingBot: (name: string) => `Opening ${name}…`,
  openInNewTab: 'Open in a new tab',
  /** Xenioo: the agent is not on the bot's team. */
  chatbotNoAccess: (name: string) => `You do not have access to ${name}. Ask your brokerage's admin to add you to its team.`,
  cancel: 'Cancel',
  close: 'Close',
};

export type Messages = typeof en;

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
export const messageTable = catalogue(en, bundledLanguages);
const table = messageTable;

/** Adds or extends a language. */
export const registerMessages = table.register;
/** The messages for a BCP 47 tag ("fr-CA" falls back to "fr", then English). */
export const messagesFor = table.messagesFor;
/** False while `lang` is a bundled language whose chunk has not arrived yet; start it with {@link loadMessages}. */
export const messagesReady = table.ready;
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
