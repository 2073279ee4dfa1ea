/**
 * The core errors' codes and their guard, without the classes: what code that only reads an error
 * needs (the launcher's first module, its sign-in forms), so that it does not load every error class.
 * core/errors.ts re-exports both.
 * @module
 */
import type { SsoError } from './errors.ts';

/** The stable codes of {@link SsoError}. */
export const ErrorCode = {
  Http: 'HTTP_ERROR',
  Timeout: 'TIMEOUT',
  Network: 'NETWORK',
  Validation: 'VALIDATION',
  MfaRequired: 'MFA_REQUIRED',
  SessionExpired: 'SESSION_EXPIRED',
  OAuth: 'OAUTH',
  Upstream: 'UPSTREAM',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const CODES = new Set<string>(Object.values(ErrorCode));

/**
 * True when `value` is a core error (optionally with the given code), in this realm or another.
 * @example
 * if (isSsoError(err, ErrorCode.Network)) showOfflineBanner();
 */
export function isSsoError<C extends ErrorCode>(value: unknown, code?: C): value is SsoError & { code: C } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof candidate.code !== 'string' || !CODES.has(candidate.code)) return false;
  if (typeof candidate.message !== 'string' || typeof candidate.name !== 'string') return false;
  return code === undefined || candidate.code === code;
}
