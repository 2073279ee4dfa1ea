/**
 * The broker's log. Lines say what happened (method, path, status, time; which upstream failed and
 * how), never a header, a body, a token or a secret. As a second line of defence every line goes
 * through {@link redactingLogger}, which blanks out each configured secret should one ever slip into an
 * upstream's error message.
 * @module
 */

/** Where the broker writes its log lines. Inject one to capture them (tests) or to ship them. */
export interface BrokerLogger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** Lines on the console, prefixed `[broker]`. */
export const consoleLogger: BrokerLogger = {
  info: (line) => console.log(`[broker] ${line}`),
  warn: (line) => console.warn(`[broker] ${line}`),
  error: (line) => console.error(`[broker] ${line}`),
};

/** The text with every secret replaced by `[redacted]`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * Tokens by their shape, whatever their source (issue 9, item 6): `Bearer <token>` (an `Authorization`
 * header echoed in an upstream's message), and the value of any `access_token`, `refresh_token`, `token`,
 * `code`-less `id_token` or `password` field or parameter, in JSON (`"refresh_token":"…"`), in a form or a
 * query (`refresh_token=…`) or in prose (`refresh_token: …`).
 */
const TOKEN_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[\x21-\x7e]+/gi, '$1 [redacted]'],
  [/(?<![\w/.-])(["']?(?:access_token|refresh_token|id_token|token|password|client_secret|BotAPISecret|AccountAPIKey)["']?\s*[:=]\s*["']?)[^"'\s&,;}]+/gi, '$1[redacted]'],
];

/** `alex.agent@example.com` → `a***@example.com`: enough to tell accounts apart in a log, not to read one. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '***' : `${email[0]}***${email.slice(at)}`;
}

const EMAIL_RE = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+/g;

/** The line with tokens (by shape) blanked and every email masked. */
export function scrub(line: string): string {
  let out = line;
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(EMAIL_RE, maskEmail);
}

/**
 * The last tokens the broker handled (callers' bearer tokens, refresh tokens and passwords it forwarded,
 * tokens it handed back), so that one echoed bare by an upstream, with no `Bearer` before it, is still
 * blanked. Bounded: the oldest is forgotten first; an echo comes within the request that sent the token.
 */
export class RecentValues {
  readonly #values = new Set<string>();
  constructor(readonly max = 1024) {}
  /** Remembers a value (at least 8 characters: shorter ones would blank ordinary words). */
  add(value: string | undefined): void {
    if (!value || value.length < 8) return;
    this.#values.delete(value);
    this.#values.add(value);
    if (this.#values.size > this.max) this.#values.delete(this.#values.values().next().value!);
  }
  values(): Iterable<string> {
    return this.#values;
  }
}

/**
 * A logger that blanks out, from every line before passing it on: each configured secret, each recently
 * handled token (`recent`), anything shaped like a token, and every email (masked as `a***@example.com`).
 */
export function redactingLogger(inner: BrokerLogger, secrets: readonly string[], recent?: RecentValues): BrokerLogger {
  const clean = (line: string) => {
    const out = redact(line, secrets);
    return scrub(recent ? redact(out, recent.values()) : out);
  };
  return {
    info: (line) => inner.info(clean(line)),
    warn: (line) => inner.warn(clean(line)),
    error: (line) => inner.error(clean(line)),
  };
}

/** `Name: message` of anything thrown, for a log line (no stack, no cause: they may hold request data). */
export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
