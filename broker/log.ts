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
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

/** A logger that redacts `secrets` from every line before passing it on. */
export function redactingLogger(inner: BrokerLogger, secrets: readonly string[]): BrokerLogger {
  return {
    info: (line) => inner.info(redact(line, secrets)),
    warn: (line) => inner.warn(redact(line, secrets)),
    error: (line) => inner.error(redact(line, secrets)),
  };
}

/** `Name: message` of anything thrown, for a log line (no stack, no cause: they may hold request data). */
export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
