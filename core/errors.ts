/**
 * Typed errors of the core. Every failure the core reports is one of these, with a stable `code`.
 *
 * Guards check `name`/`code` rather than `instanceof`, because `instanceof` fails across realms
 * (an error rebuilt in the extension popup from a message sent by the background is another class).
 * All of them are kept in one file, unlike ky's one-class-per-file: they are small and share one guard.
 *
 * Messages never contain tokens, passwords or secrets: URLs we call never carry them.
 * @module
 */

import { ErrorCode, isSsoError } from './error-codes.ts';

export { ErrorCode, isSsoError } from './error-codes.ts';


/** Base class of all core errors. */
export class SsoError extends Error {
  /** Stable machine-readable code; see {@link ErrorCode}. */
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The server answered with a non-2xx status. */
export class HttpError extends SsoError {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly url: string,
    /** The server's own error code (Rechat's `code`), when it sent one. */
    readonly serverCode?: string,
    /** The server's own message, when it sent one. */
    readonly serverMessage?: string,
    /** From `Retry-After`, in milliseconds, when the server sent one. */
    readonly retryAfterMs?: number,
    code: ErrorCode = ErrorCode.Http,
  ) {
    super(code, `Request failed with status ${status}: ${method} ${url}${serverMessage ? ` (${serverMessage})` : ''}`);
  }
}

/** A 401 "MFA required": the token pair is not MFA-validated yet. */
export class MfaRequiredError extends HttpError {
  constructor(method: string, url: string) {
    super(401, method, url, 'MFARequired', 'MFA required', undefined, ErrorCode.MfaRequired);
  }
}

/**
 * An OAuth2 token endpoint error (RFC 6749 §5.2), such as `invalid_grant` (wrong password, or a used
 * refresh token) or `invalid_client` (a wrong client id or secret).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export class OAuthError extends HttpError {
  constructor(
    status: number,
    method: string,
    url: string,
    readonly error: string,
    readonly errorDescription?: string,
  ) {
    super(status, method, url, error, errorDescription, undefined, ErrorCode.OAuth);
  }
}

/** The request took longer than its timeout. */
export class TimeoutError extends SsoError {
  constructor(readonly method: string, readonly url: string, readonly timeoutMs: number) {
    super(ErrorCode.Timeout, `Request timed out after ${timeoutMs} ms: ${method} ${url}`);
  }
}

/**
 * Why a request got no answer, as far as the platform lets us tell (see network-diagnosis.ts):
 * - `offline`: the device has no network (`navigator.onLine` is false);
 * - `unreachable`: the host did not answer at all (down, a wrong address, DNS, a refused connection);
 * - `refused`: the host answered, but the browser withheld the answer because the host does not allow
 *   this origin (CORS);
 * - `no-permission`: an extension page lacks the host permission for it.
 */
export type NetworkFailure = 'offline' | 'unreachable' | 'refused' | 'no-permission';

/** The request never got an answer: offline, DNS, CORS, connection refused. */
export class NetworkError extends SsoError {
  /** `host[:port]` of the URL, for messages that name the server. */
  readonly host: string;
  constructor(
    readonly method: string,
    readonly url: string,
    cause?: unknown,
    /** Why, when it could be told; undefined when it could not (an injected fetch, say). */
    readonly reason?: NetworkFailure,
  ) {
    super(ErrorCode.Network, `Network error${reason ? ` (${reason})` : ''}: ${method} ${url}`, { cause });
    this.host = hostOf(url);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One problem found by a schema, with the path of the field it concerns. */
export interface ValidationIssue {
  /** Dotted path of the field, such as `data[3].name`; empty for the whole value. */
  path: string;
  message: string;
}

/**
 * Data did not match its schema: a response from the network (the request worked, the data did not),
 * or an input checked before any request. It does not extend {@link HttpError}.
 */
export class ValidationError extends SsoError {
  constructor(
    /** What was being parsed, such as `GET https://…/brands/x/sso_applications` or `code`. */
    readonly context: string,
    readonly issues: ValidationIssue[],
  ) {
    const first = issues[0];
    const detail = first ? `${first.path || '(value)'}: ${first.message}` : 'invalid';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(ErrorCode.Validation, `Invalid ${context}: ${detail}${more}`);
  }
}

/** The session ended by an authoritative rejection (`invalid_grant` on refresh, or a 401 after a refresh). */
export class SessionExpiredError extends SsoError {
  constructor(message = 'Your session has expired. Please sign in again.', options?: { cause?: unknown }) {
    super(ErrorCode.SessionExpired, message, options);
  }
}

/** An upstream service refused the request in a way the user must hear about (Xenioo, Mosaic). */
export class UpstreamError extends SsoError {
  constructor(message: string, readonly status: number, readonly service: string, readonly detail?: string) {
    super(ErrorCode.Upstream, message);
  }
}

/** The plain shape in which an error crosses a message boundary (popup ↔ background). */
export interface SerializedError {
  name: string;
  code: string;
  message: string;
  status?: number;
  /** A {@link NetworkError}'s reason and host, so the popup can name the problem. */
  reason?: string;
  host?: string;
}

/** Turns any thrown value into a {@link SerializedError}. */
export function serializeError(error: unknown): SerializedError {
  if (isSsoError(error)) {
    const { status, reason, host } = error as { status?: unknown; reason?: unknown; host?: unknown };
    return {
      name: error.name,
      code: error.code,
      message: error.message,
      ...(typeof status === 'number' ? { status } : {}),
      ...(typeof reason === 'string' ? { reason } : {}),
      ...(typeof host === 'string' ? { host } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: error instanceof Error ? error.name : 'Error', code: 'UNKNOWN', message };
}

/** Rebuilds an error from {@link serializeError}'s output; {@link isSsoError} holds for core codes. */
export function deserializeError(data: SerializedError): Error {
  const error = new Error(data.message) as Error & { code: string; status?: number; reason?: string; host?: string };
  error.name = data.name;
  error.code = data.code;
  if (data.status !== undefined) error.status = data.status;
  if (data.reason !== undefined) error.reason = data.reason;
  if (data.host !== undefined) error.host = data.host;
  return error;
}
