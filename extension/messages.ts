/**
 * The one message channel between the extension's pages (popup, options) and its background.
 *
 * The background answers from a single table of named async functions (see background-table.ts),
 * typed with `satisfies` {@link MessageTable}; pages call them by name through {@link createCaller},
 * and TypeScript checks the name, the argument and the result on both sides.
 *
 * - Only the extension's own pages are answered ({@link isOwnPage}); anything else is ignored without
 *   a reply, as Bitwarden's `senderIsInternal` does.
 * - Errors cross as `{name, code, message}` (core's `serializeError`) and are rebuilt with
 *   `deserializeError`, so `isSsoError(error, ErrorCode.SessionExpired)` holds in the page too.
 *
 * Pure: no extension API. The browser wrapper passes the real sender and sends the reply.
 * @module
 */
import { deserializeError, serializeError, type SerializedError } from '../core/errors.ts';

/** Tags our messages, so a future second channel (or another library's message) is not mistaken for one. */
export const CHANNEL = 'sso-launcher/v1';

/**
 * The shape of a message table: named async functions of at most one argument. Arguments and results
 * must be structured-cloneable (Chrome sends JSON).
 */
export type MessageTable = Record<string, (arg: never) => Promise<unknown>>;

/** A request on {@link CHANNEL}. */
export interface MessageRequest {
  channel: typeof CHANNEL;
  name: string;
  arg?: unknown;
}

/** The reply to a {@link MessageRequest}. */
export type MessageReply = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** Who the extension is: `runtime.id` and `runtime.getURL('')` (`chrome-extension://<id>/`). */
export interface ExtensionSelf {
  id: string;
  /** The extension's base URL, with its trailing slash. */
  baseUrl: string;
}

/** The parts of `runtime.MessageSender` that {@link isOwnPage} reads. */
export interface SenderLike {
  id?: string;
  url?: string;
  /** Chrome sets it; Firefox does not. */
  origin?: string;
  frameId?: number;
}

/**
 * True when the message comes from one of this extension's own pages in a top-level frame.
 *
 * Checks, all required: the sender's extension id is ours; its URL starts with the extension's base URL
 * *including the trailing slash*, so the authority is exactly ours (`chrome-extension://<id>.evil.com/`,
 * `chrome-extension://<id>@evil.com/` and `chrome-extension://<id>:1/` all fail); Chrome's `origin`, when
 * present, is ours; and the frame is the top one (`frameId` 0, or absent for the popup), so an extension
 * page framed by a website cannot talk for it. Content scripts fail the URL check: their sender URL is
 * the web page's. A string test rather than `new URL().origin`, because browsers only parse their own
 * extension scheme as a standard URL (`moz-extension:` has a `"null"` origin in Chromium, and the reverse).
 * @see https://github.com/bitwarden/clients (apps/browser, `BrowserApi.senderIsInternal`)
 */
export function isOwnPage(sender: SenderLike | undefined, self: ExtensionSelf): boolean {
  if (!sender || typeof sender !== 'object') return false;
  if (!self.id || typeof sender.id !== 'string' || sender.id !== self.id) return false;
  // The base URL must be scheme://authority/ and nothing else, or the prefix test below proves nothing.
  if (!/^[a-z][a-z\d+.-]*:\/\/[^/?#@:]+\/$/i.test(self.baseUrl)) return false;
  if (typeof sender.url !== 'string' || !sender.url.startsWith(self.baseUrl)) return false;
  if (sender.origin !== undefined && sender.origin !== self.baseUrl.slice(0, -1)) return false;
  if (sender.frameId !== undefined && sender.frameId !== 0) return false;
  return true;
}

function isRequest(message: unknown): message is MessageRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<MessageRequest>;
  return m.channel === CHANNEL && typeof m.name === 'string';
}

/**
 * Answers one message from `table`. Returns `undefined` (no reply at all) when the message is not on
 * our channel or the sender is not one of our pages; otherwise the reply, errors included.
 * @example
 * runtime.onMessage.addListener((message, sender, sendResponse) => {
 *   const reply = dispatch(table, message, sender, self);
 *   if (!reply) return false;
 *   reply.then(sendResponse);
 *   return true;
 * });
 */
export function dispatch(
  table: MessageTable,
  message: unknown,
  sender: SenderLike | undefined,
  self: ExtensionSelf,
): Promise<MessageReply> | undefined {
  if (!isRequest(message) || !isOwnPage(sender, self)) return undefined;
  const { name, arg } = message;
  if (!Object.hasOwn(table, name)) {
    return Promise.resolve({ ok: false, error: serializeError(new TypeError(`Unknown message "${name}"`)) });
  }
  const handler = table[name] as (arg: unknown) => Promise<unknown>;
  return (async (): Promise<MessageReply> => {
    try {
      return { ok: true, value: await handler(arg) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  })();
}

/** The argument a table entry takes; `[]` when it takes none. */
export type MessageArgs<F> = F extends () => Promise<unknown> ? [] : F extends (arg: infer A) => Promise<unknown> ? [arg: A] : never;

/** A typed function that calls the background by name. */
export type Caller<T extends MessageTable> = <K extends keyof T & string>(
  name: K,
  ...args: MessageArgs<T[K]>
) => Promise<Awaited<ReturnType<T[K]>>>;

function isReply(value: unknown): value is MessageReply {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as { ok?: unknown; error?: unknown };
  if (reply.ok === true) return true;
  if (reply.ok !== false || typeof reply.error !== 'object' || reply.error === null) return false;
  const error = reply.error as Partial<SerializedError>;
  return typeof error.name === 'string' && typeof error.code === 'string' && typeof error.message === 'string';
}

/**
 * Makes the page-side caller of a message table. `send` is the wrapper's `runtime.sendMessage`.
 * @example
 * const call = createCaller<BackgroundTable>(sendMessage);
 * const brands = await call('listBrands');
 */
export function createCaller<T extends MessageTable>(send: (message: MessageRequest) => Promise<unknown>): Caller<T> {
  return (async (name: string, ...args: unknown[]) => {
    const request: MessageRequest = { channel: CHANNEL, name, ...(args.length ? { arg: args[0] } : {}) };
    const reply = await send(request);
    if (!isReply(reply)) throw new Error(`The background did not answer "${name}"`);
    if (reply.ok) return reply.value;
    throw deserializeError(reply.error);
  }) as Caller<T>;
}
