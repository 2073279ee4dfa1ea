/**
 * Rechat MFA (TOTP): setup, verify, validate, remove. Doc 001, "Multi-factor authentication".
 *
 * Codes are checked for real with `otpauth` (SHA1, 6 digits, 30 s, one step of clock drift either
 * way), against the simulator's clock: a test that fakes the clock computes its codes with
 * `TOTP.generate({ secret, timestamp: clock() })`.
 * @module
 */
import { Secret, TOTP } from 'otpauth';
import { ApiError, json, noContent, readJsonObject, validation } from '../http.ts';
import { bearer } from './auth.ts';
import { userView } from './views.ts';
import type { RechatApp, RechatContext } from './context.ts';

const invalidCode = () => new ApiError(400, 'InvalidMFAToken', 'Invalid MFA token');

/** The `token` field of an MFA request: a string of 6 digits. */
async function readCode(request: Request): Promise<string> {
  const body = await readJsonObject(request);
  const token = body.token;
  if (typeof token !== 'string' || !/^\d{6}$/.test(token)) throw validation('token: must be a string of 6 digits');
  return token;
}

function codeMatches(secret: string, token: string, ctx: RechatContext): boolean {
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: ctx.now(),
    window: 1,
  });
  return delta !== null;
}

/** The otpauth URI exactly as in the doc's "Setup MFA" example. */
function otpauthUrl(email: string, secret: string): string {
  return `otpauth://totp/Rechat:${encodeURIComponent(email)}?issuer=Rechat&secret=${secret}&algorithm=SHA1&digits=6&period=30`;
}

export function registerMfaRoutes(app: RechatApp, ctx: RechatContext): void {
  // Setup hands out a new secret; MFA stays off until verify proves the user's authenticator has it.
  app.post('/users/self/mfa/setup', bearer(ctx), (c) => {
    const user = c.get('user');
    // Our choice: replacing an active secret silently would lock the user out of their other devices,
    // so an active MFA must be removed (with a code) first.
    if (user.mfaSecret !== null) throw validation('mfa: MFA is already enabled; remove it first');
    user.pendingMfaSecret = new Secret({ size: 20 }).base32;
    return json({
      code: 'OK',
      data: { ...userView(user, ctx.now()), mfa_url: otpauthUrl(user.email, user.pendingMfaSecret), mfa_qr_code: '' },
    });
  });

  app.post('/users/self/mfa/verify', bearer(ctx), async (c) => {
    const user = c.get('user');
    const token = await readCode(c.req.raw);
    if (user.pendingMfaSecret === null) throw validation('token: no MFA setup is pending; call /users/self/mfa/setup first');
    if (!codeMatches(user.pendingMfaSecret, token, ctx)) throw invalidCode();
    user.mfaSecret = user.pendingMfaSecret;
    user.pendingMfaSecret = null;
    user.updated_at = ctx.now() / 1000;
    // "The verification step enables the MFA for the user and also marks the current
    // access_token/refresh_token pair as MFA validated." Other sessions of the user now need validate.
    c.get('pair').mfaValidated = true;
    return json({ code: 'OK', data: userView(user, ctx.now()) });
  });

  // The one route an unvalidated pair may call.
  app.post('/users/self/mfa/validate', bearer(ctx, { mfa: 'pending-ok' }), async (c) => {
    const user = c.get('user');
    const token = await readCode(c.req.raw);
    if (user.mfaSecret === null) throw validation('token: MFA is not enabled for this user');
    if (!codeMatches(user.mfaSecret, token, ctx)) throw invalidCode();
    c.get('pair').mfaValidated = true;
    return noContent();
  });

  app.delete('/users/self/mfa', bearer(ctx), async (c) => {
    const user = c.get('user');
    const token = await readCode(c.req.raw);
    if (user.mfaSecret === null) throw validation('token: MFA is not enabled for this user');
    if (!codeMatches(user.mfaSecret, token, ctx)) throw invalidCode();
    user.mfaSecret = null;
    user.pendingMfaSecret = null;
    user.updated_at = ctx.now() / 1000;
    return noContent();
  });
}
