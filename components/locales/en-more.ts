/**
 * The English strings that no first paint needs: the sign-in and verification forms, error wording,
 * account and MFA settings, chatbots, the pin button and the P key, a search's results, the admin's
 * button, and the words of rare states. They join the launcher's table (../messages.ts) when a chunk
 * that shows them is loaded: each such module imports this one, so the script tag's first module
 * carries only the first screen's words (issue 15). The first module's rare states (no apps, an app
 * with no valid address, no configuration) show theirs when this chunk arrives: it is requested as
 * the page loads (sign-in-loader.ts), which re-renders the element once it is there.
 * @module
 */
import { messageTable } from '../messages.ts';

export const moreEn = {
  email: 'Email',
  name: 'Name',
  /** The grid's one pin button (pin-button.ts). */
  pin: (name: string) => `Pin ${name}`,
  unpin: (name: string) => `Unpin ${name}`,
  manageApps: 'Manage apps',
  // Rare states' words, shown once this chunk is there (it is requested as the page loads): a brand
  // with no apps, an app with no valid address, an element with no usable configuration.
  empty: 'Your brokerage has not added any apps yet. Ask your administrator to add some.',
  unsafeLink: 'This app has no valid web address and cannot be opened.',
  missingConfig: 'This launcher is not set up: it needs the api-base, client-id and brand attributes.',
  /** A tile's description: the key that pins it (P; see grid-behaviour.ts). */
  pinKey: 'Press P to pin it to the top.',
  unpinKey: 'Pinned. Press P to unpin it.',
  /** What a search found (grid-behaviour.ts). */
  results: (n: number) => (n === 1 ? '1 app' : `${n} apps`),
  noMatch: (q: string) => `No app matches “${q}”.`,
  signInTitle: 'Sign in to your apps',
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
  signedOut: "You're signed out.",
  // Errors, in plain words, each with a way forward.
  wrongCredentials: 'The email or password is not right. Check them and try again.',
  badClient: 'This launcher is not set up correctly (its client is not recognised). Please tell your IT team.',
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

export type MoreMessages = typeof moreEn;

messageTable.complete(moreEn);
