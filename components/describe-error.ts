/**
 * Turns a typed core error into the plain sentence an agent sees.
 * @module
 */
import { ErrorCode, isSsoError } from '../core/error-codes.ts';
import type { Messages } from './messages.ts';
// The English words this module shows beyond the grid's (messages.ts).
import './locales/en-more.ts';

/** Where the error happened, which changes what some errors mean. */
export type ErrorContext = 'sign-in' | 'mfa' | 'apps';

export function describeError(error: unknown, context: ErrorContext, m: Messages): string {
  // Not from the core: offline, it is most likely a lazy chunk that could not be loaded (the network
  // code, say, when the agent went offline before the first sign-in).
  if (!isSsoError(error)) return globalThis.navigator?.onLine === false ? m.offline : m.unknownError;
  const e = error as unknown as { code: string; status?: number; error?: string; retryAfterMs?: number; issues?: { path: string }[] };
  switch (e.code) {
    case ErrorCode.OAuth:
      return e.error === 'invalid_client' || e.error === 'unauthorized_client' ? m.badClient : e.error === 'invalid_grant' ? m.wrongCredentials : m.serverError;
    case ErrorCode.Network: {
      // See core/network-diagnosis.ts for how far a browser lets these be told apart.
      const { reason, host } = error as unknown as { reason?: string; host?: string };
      if (!host || reason === undefined || reason === 'offline') return m.offline;
      if (reason === 'no-permission') return m.noPermission(host);
      if (reason === 'refused') return m.refused(host);
      return m.unreachable(host);
    }
    case ErrorCode.Timeout:
      return m.timeout;
    case ErrorCode.SessionExpired:
      return m.sessionExpired;
    case ErrorCode.Validation: {
      const path = e.issues?.[0]?.path;
      if (path === 'token') return m.codeShape;
      if (path === 'username') return m.enterEmail;
      if (path === 'password') return m.enterPassword;
      return m.badResponse;
    }
    case ErrorCode.Http:
    case ErrorCode.MfaRequired: {
      const status = e.status ?? 0;
      if (context === 'mfa' && (status === 400 || status === 401)) return m.wrongCode;
      // Password guessing is throttled for minutes, not seconds: say so in minutes.
      if (status === 429 && context === 'sign-in') return m.tooManyAttempts(e.retryAfterMs ? Math.ceil(e.retryAfterMs / 60_000) : undefined);
      if (status === 429) return m.rateLimited(e.retryAfterMs ? Math.ceil(e.retryAfterMs / 1000) : undefined);
      if (status === 403) return m.forbidden;
      if (status >= 500 || status === 408) return m.serverError;
      return m.unknownError;
    }
    case ErrorCode.Upstream: {
      // A chatbot Xenioo would not open, by its stable reason (core/xenioo.ts XeniooErrorReason), in the
      // page's language; a reason without words here keeps the core's English sentence.
      const { detail } = error as unknown as { detail?: string };
      if (detail === 'not-found') return m.chatbotNotFound;
      if (detail === 'incomplete') return m.chatbotIncomplete;
      if (detail === 'unavailable') return m.chatbotUnavailable;
      return (error as Error).message || m.unknownError;
    }
    default:
      return (error as Error).message || m.unknownError;
  }
}
