/**
 * Rechat MFA (TOTP): set up, verify, remove. Validation of a signed-in pair lives on the session
 * ({@link Session.validateMfa}) because it changes the session's state.
 * @see ../../shared/seeds/001_107eaf7277f527ae.txt "Multi-factor authentication"
 * @see https://www.rfc-editor.org/rfc/rfc6238
 * @module
 */
import { ValidationError } from '../errors.ts';
import { checkMfaCode, type Session } from '../session.ts';
import type { BrokerSession } from '../broker-session.ts';

/** Either session: bearer tokens in the client, or a broker session. */
type AnySession = Pick<Session | BrokerSession, 'request' | 'markMfaValidated' | 'updateUser' | 'user'>;
import { MfaSetupResponseSchema, UserSchema, envelope, type User } from './schemas.ts';

/** What the agent needs to add the account to an authenticator app. */
export interface MfaSetup {
  /** The `otpauth://totp/...` URI, for the QR code. */
  uri: string;
  /** The base32 secret, shown as text for manual entry. */
  secret: string;
  /** The issuer and account label from the URI, for display. */
  label: string;
}

/**
 * Reads the secret and label out of an otpauth URI.
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
export function parseOtpauthUri(uri: string): MfaSetup {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ValidationError('MFA setup', [{ path: 'data.mfa_url', message: 'not a URI' }]);
  }
  const secret = url.searchParams.get('secret') ?? '';
  if (url.protocol !== 'otpauth:' || !/^[A-Z2-7]+=*$/i.test(secret)) {
    throw new ValidationError('MFA setup', [{ path: 'data.mfa_url', message: 'expected an otpauth URI with a base32 secret' }]);
  }
  const label = decodeURIComponent(url.pathname.replace(/^\/+totp\//, '').replace(/^\/+/, ''));
  return { uri, secret: secret.toUpperCase(), label };
}

/**
 * Starts MFA setup. The QR code is always drawn locally from `uri` (see `core/qr.ts`): the server's
 * `mfa_qr_code` may be empty, and drawing our own means no image from the network is shown.
 */
export async function setupMfa(session: AnySession, options: { signal?: AbortSignal } = {}): Promise<MfaSetup> {
  const response = await session.request({ method: 'POST', path: '/users/self/mfa/setup', schema: MfaSetupResponseSchema, retry: false, signal: options.signal });
  return parseOtpauthUri(response.data.mfa_url);
}

/** Verifies the first code after setup: MFA is then on, and the current pair is validated. */
export async function verifyMfa(session: AnySession, code: string, options: { signal?: AbortSignal } = {}): Promise<User> {
  const token = checkMfaCode(code);
  const response = await session.request({ method: 'POST', path: '/users/self/mfa/verify', body: { token }, schema: envelope(UserSchema), retry: false, signal: options.signal });
  const user = { ...response.data, mfa_enabled: true };
  await session.markMfaValidated(user);
  return user;
}

/** Removes MFA from the account; needs a current code. */
export async function removeMfa(session: AnySession, code: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  const token = checkMfaCode(code);
  await session.request({ method: 'DELETE', path: '/users/self/mfa', body: { token }, retry: false, signal: options.signal });
  const user = session.user;
  if (user) await session.updateUser({ ...user, mfa_enabled: false });
}
