/**
 * Every string the agent reads, in one place, ready for translation. English first; a host page
 * adds a language with {@link registerMessages} and picks it with the element's `lang` attribute.
 * (A table rather than @lit/localize: no build step and no runtime cost for an English-only page.)
 * @module
 */

export const en = {
  signInTitle: 'Sign in to your apps',
  email: 'Email',
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
  mfaQrLabel: (label: string) => `QR code for ${label}`,
  mfaEnabled: 'Two-step verification is now on.',
  mfaDisabled: 'Two-step verification is now off.',
  mfaOffPrompt: 'Enter a current code to turn two-step verification off.',
  chatbot: 'Chatbot',
  openingBot: (name: string) => `Opening ${name}…`,
  cancel: 'Cancel',
  close: 'Close',
};

export type Messages = typeof en;

const catalogue: Record<string, Partial<Messages>> = { en };
/** Merged tables by tag: rendering reads messages for every tile, so they are merged once. */
const merged = new Map<string, Messages>();

/** Adds or extends a language. */
export function registerMessages(lang: string, messages: Partial<Messages>): void {
  catalogue[lang.toLowerCase()] = { ...catalogue[lang.toLowerCase()], ...messages };
  merged.clear();
}

/** The messages for a BCP 47 tag ("fr-CA" falls back to "fr", then English). */
export function messagesFor(lang: string | undefined): Messages {
  const tag = (lang ?? '').toLowerCase();
  let result = merged.get(tag);
  if (!result) {
    result = { ...en, ...catalogue[tag.split('-')[0] ?? ''], ...catalogue[tag] };
    merged.set(tag, result);
  }
  return result;
}
