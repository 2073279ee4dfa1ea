/**
 * The retry policy, as data (after ky's). Only idempotent methods are retried; a token POST never is,
 * because replaying a password grant or a rotating refresh token is not safe.
 * @module
 */

/** When and how long to retry. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Methods that may be retried. */
  methods: readonly string[];
  /** Statuses that may be retried. */
  statusCodes: readonly number[];
  /** Delay before retry number `attempt` (1-based), when the server sent no Retry-After. */
  backoffMs: (attempt: number) => number;
  /** A Retry-After longer than this is not waited for: the error goes to the caller instead. */
  maxRetryAfterMs: number;
}

/** The default policy: 2 retries, 300 ms then 600 ms, Retry-After honoured up to 10 s. */
export const defaultRetryPolicy: RetryPolicy = {
  limit: 2,
  methods: ['GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS'],
  statusCodes: [408, 413, 429, 500, 502, 503, 504],
  backoffMs: (attempt) => Math.min(300 * 2 ** (attempt - 1), 5000),
  maxRetryAfterMs: 10_000,
};

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into milliseconds.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with a day name. Date.parse alone is lenient: in Chrome it reads
  // "1.5" or "-1" as dates in the past, which would turn an invalid header into "retry at once".
  if (!/^[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
