/**
 * Xenioo Platform SSO: chatbots that an agent opens already signed in.
 *
 * Two halves, one module (both are small, and the bundler keeps only what a build uses):
 * - **Server side** ({@link createXeniooClient}): calls `POST <service endpoint>/sso/authorize` with
 *   the account key, the bot's key and secret, and an email. Whoever holds `BotAPISecret` can mint a
 *   token for *any* email, so only the broker calls it, for the email of the agent whose Rechat bearer
 *   token it has just checked (docs/architecture.md, "Xenioo Platform SSO").
 * - **Browser side** ({@link ChatbotClient}): asks the broker, never Xenioo, for the brand's chatbots
 *   and for a bot's token, with the agent's Rechat bearer token, and keeps each token in memory until a
 *   minute before it expires, so that a launch needs no network round trip (docs/architecture.md,
 *   "Launch rules").
 *
 * Plus the URL helpers both use: `Home`, `Home/<section>` and `Home/logout`, only ever http(s).
 *
 * @see docs/architecture.md, "Xenioo Platform SSO" (Xenioo's documentation, "Platform SSO")
 * @module
 */
// Imported directly (not through ./schema.ts) so the bundler can tree-shake zod.
import * as z from 'zod/mini';
import './schema.ts'; // z.config({jitless: true}) before any parse
import type { Clock, Fetch } from './deps.ts';
import { systemClock } from './deps.ts';
import { HttpError, SessionExpiredError, UpstreamError, ValidationError } from './errors.ts';
import { createHttpClient, type HttpClient } from './http.ts';
import { BROKER_ROUTES, brokerPath, ChatbotListResponseSchema, ChatbotTokenResponseSchema } from './broker-contract.ts';
import type { AuthorizedApi } from './session.ts';
import { safeHttpUrl } from './urls.ts';

// ---- Messages and errors ------------------------------------------------------------------------

/** The `service` of every {@link UpstreamError} this module throws. */
export const XENIOO_SERVICE = 'xenioo';

/** What an agent is told. Plain sentences: no status codes, no ids, never a token or a key. */
export const XeniooMessage = {
  /** Xenioo 404 (403 in older versions): bot or account not found; or no such bot here. */
  NotFound: 'This chatbot was not found. Ask your administrator.',
  /** Xenioo 404 (403 in older versions) "team member not found": the agent is not on the bot's team. */
  NoAccess: "You do not have access to this chatbot. Ask your brokerage's admin to add you to its team.",
  /** Xenioo 400: the broker's request was incomplete, which is a configuration problem. */
  Incomplete: 'The chatbot request was incomplete. Ask your administrator to check the chatbot settings.',
  /** Xenioo (or Rechat, seen from the broker) did not answer, or answered 5xx. */
  Unavailable: 'The chatbot service is not answering. Try again in a moment.',
} as const;

/** The `detail` of a Xenioo {@link UpstreamError}: a stable reason a program can branch on. */
export type XeniooErrorReason = 'not-found' | 'no-access' | 'incomplete' | 'unavailable';

/**
 * The `code`s of the broker's error bodies (`{http, code, message}`) for a chatbot that could not be
 * opened, by {@link XeniooErrorReason}. {@link ChatbotClient} turns them back into {@link UpstreamError}s.
 */
export const ChatbotErrorCode: Readonly<Record<XeniooErrorReason, string>> = {
  'not-found': 'ChatbotNotFound',
  'no-access': 'ChatbotNoAccess',
  incomplete: 'ChatbotIncomplete',
  unavailable: 'ChatbotUnavailable',
};

/** A Xenioo refusal, as the {@link UpstreamError} an agent can be shown. */
export function xeniooError(reason: XeniooErrorReason, status: number): UpstreamError {
  const message = {
    'not-found': XeniooMessage.NotFound,
    'no-access': XeniooMessage.NoAccess,
    incomplete: XeniooMessage.Incomplete,
    unavailable: XeniooMessage.Unavailable,
  }[reason];
  return new UpstreamError(message, status, XENIOO_SERVICE, reason);
}

/**
 * Whether a Xenioo "not found" names the team member (the email is not on the bot's team) rather than
 * the bot or the account. Xenioo documents one status for the three; only its message tells them apart
 * (`{Message: "Team member not found"}` in the simulator: an assumption, see demo/simulator/xenioo.ts).
 */
export function isTeamMemberNotFound(message: string | undefined): boolean {
  return /\bteam member\b/i.test(message ?? '');
}

/**
 * Maps Xenioo's documented error statuses to {@link UpstreamError}s: 400 → `incomplete`; 403 and
 * 404 (older versions of the API answer 403 where newer ones answer 404) → `no-access` when the message
 * names the team member, else `not-found`. Anything else (5xx, network, timeout) is returned unchanged.
 */
export function toXeniooError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  if (error.status === 400) return xeniooError('incomplete', 400);
  if (error.status === 403 || error.status === 404) {
    return xeniooError(isTeamMemberNotFound(error.serverMessage) ? 'no-access' : 'not-found', error.status);
  }
  return error;
}

// ---- URLs ---------------------------------------------------------------------------------------

/**
 * A section of a bot's designer, appended to `Home`: `conversation`, or a deeper path such as
 * `settings/channels`. Letters, digits, `-` and `_` per segment; `logout` is not a section.
 */
const SECTION_RE = /^[A-Za-z0-9][\w-]*(?:\/[A-Za-z0-9][\w-]*)*$/;

/** Whether `section` can be appended to `Home` (see {@link xeniooSectionUrl}). */
export function isXeniooSection(section: unknown): section is string {
  return typeof section === 'string' && section.length <= 100 && SECTION_RE.test(section) && section.toLowerCase() !== 'logout';
}

function appendPath(home: string, segment: string): string {
  const url = new URL(xeniooHomeUrl(home));
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${segment}`;
  return url.href;
}

/**
 * `Home`, checked: an absolute http(s) URL, normalised.
 * @throws {TypeError} when `home` is anything else (`javascript:`, junk)
 */
export function xeniooHomeUrl(home: string): string {
  const safe = safeHttpUrl(home);
  if (!safe) throw new TypeError('"home" must be an http(s) URL');
  return safe;
}

/**
 * `Home` + `/<section>`: Xenioo redirects the signed-in user to that section of the bot's designer.
 * @example
 * xeniooSectionUrl('https://designer.xenioo.example/auth/sso/abc', 'conversation')
 * // 'https://designer.xenioo.example/auth/sso/abc/conversation'
 * @throws {TypeError} for a `home` that is not http(s), or a `section` that {@link isXeniooSection} refuses
 */
export function xeniooSectionUrl(home: string, section: string): string {
  if (!isXeniooSection(section)) throw new TypeError('"section" must be a section path such as "conversation"');
  return appendPath(home, section);
}

/** `Home` + `/logout`: signs the user out of the bot's designer. */
export function xeniooLogoutUrl(home: string): string {
  return appendPath(home, 'logout');
}

// ---- Server side: POST /sso/authorize -------------------------------------------------------------

const XeniooSsoFields = /* @__PURE__ */ z.object({
  Home: z.string().check(z.minLength(1)),
  Token: z.string().check(z.minLength(1)),
  /** Minutes. */
  Expires: z.number().check(z.positive()),
});

/**
 * What `/sso/authorize` answers: `{Data: {Home, Token, Expires}}`, or, from older versions of the API,
 * the same three fields without the `Data` wrapper. Both are accepted.
 */
export const XeniooAuthorizeResponseSchema = /* @__PURE__ */ z.union([z.object({ Data: XeniooSsoFields }), XeniooSsoFields]);

/** A Xenioo SSO token, as the broker hands it on. */
export interface XeniooSso {
  /** The bot's designer root, with the token in it: open it, or append a section. */
  home: string;
  token: string;
  /** Lifetime in seconds (Xenioo says minutes; 60 minutes today). */
  expiresIn: number;
  /** Epoch ms, by the clock of whoever parsed the response. */
  expiresAt: number;
}

/** The longest token lifetime believed, in seconds (Xenioo's are 60 minutes; a year is already absurd). */
const MAX_XENIOO_EXPIRES_S = 365 * 24 * 3600;

/**
 * Reads a parsed `/sso/authorize` answer, whichever shape. `Home` must be an http(s) URL, and the
 * lifetime between a second and a year.
 * @param now epoch ms, for {@link XeniooSso.expiresAt}
 * @param context what is parsed, for the {@link ValidationError}'s message
 */
export function processXeniooAuthorizeResponse(
  data: z.infer<typeof XeniooAuthorizeResponseSchema>,
  now: number,
  context = 'Xenioo SSO response',
): XeniooSso {
  const fields = 'Data' in data ? data.Data : data;
  const home = safeHttpUrl(fields.Home);
  if (!home) throw new ValidationError(context, [{ path: 'Data' in data ? 'Data.Home' : 'Home', message: 'must be an http(s) URL' }]);
  const expiresIn = Math.round(fields.Expires * 60);
  // Found by fuzzing: a tiny `Expires` rounded to 0 s (a token cached as already stale, minted again on
  // every launch) and a huge one overflowed to Infinity (a token cached forever). Both are refused.
  if (!(expiresIn >= 1 && expiresIn <= MAX_XENIOO_EXPIRES_S)) {
    throw new ValidationError(context, [{ path: 'Data' in data ? 'Data.Expires' : 'Expires', message: 'must be between 1 second and 1 year, in minutes' }]);
  }
  return { home, token: fields.Token, expiresIn, expiresAt: now + expiresIn * 1000 };
}

/** The credentials of one bot. Server side only: they are never sent to a browser, logged or thrown. */
export interface XeniooBotCredentials {
  botApiKey: string;
  botApiSecret: string;
}

/** Options of {@link createXeniooClient}. */
export interface XeniooClientOptions {
  /** The service endpoint, such as `https://api.xenioo.com`; `/sso/authorize` is appended. */
  serviceEndpoint: string;
  accountApiKey: string;
  fetch?: Fetch;
  clock?: Clock;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

/** One token request. */
export interface XeniooAuthorizeRequest extends XeniooBotCredentials {
  /** The agent's email, as Rechat knows it; never one taken from a browser's request. */
  email: string;
  /** Hides Xenioo's own header, for showing the bot inside a page. */
  embedding?: boolean;
  signal?: AbortSignal;
}

/** The server-side Xenioo client. */
export interface XeniooClient {
  /**
   * Asks Xenioo for an SSO token for `email` on a bot.
   * @throws {UpstreamError} 400 → {@link XeniooMessage.Incomplete}, 403/404 → {@link XeniooMessage.NotFound}
   * @throws {HttpError | NetworkError | TimeoutError | ValidationError} for everything else
   */
  authorize(request: XeniooAuthorizeRequest): Promise<XeniooSso>;
}

function nonEmpty(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !value.trim()) throw new TypeError(`"${name}" must be a non-empty string`);
}

/**
 * The request body of `/sso/authorize`. `EnableEmbedding` is sent only when true, as in the vendor's
 * examples. Exported for tests; it carries secrets, so nothing else should hold on to it.
 */
export function xeniooAuthorizeBody(accountApiKey: string, request: XeniooAuthorizeRequest): Record<string, unknown> {
  nonEmpty('accountApiKey', accountApiKey);
  nonEmpty('botApiKey', request.botApiKey);
  nonEmpty('botApiSecret', request.botApiSecret);
  nonEmpty('email', request.email);
  if (request.embedding !== undefined && typeof request.embedding !== 'boolean') throw new TypeError('"embedding" must be a boolean');
  return {
    AccountAPIKey: accountApiKey,
    BotAPIKey: request.botApiKey,
    BotAPISecret: request.botApiSecret,
    Email: request.email.trim(),
    ...(request.embedding ? { EnableEmbedding: true } : {}),
  };
}

/**
 * Creates the server-side Xenioo client (the broker's). Never use it in a browser: it needs a bot secret.
 * @example
 * const xenioo = createXeniooClient({ serviceEndpoint: 'https://api.xenioo.com', accountApiKey });
 * const sso = await xenioo.authorize({ botApiKey, botApiSecret, email: user.email, embedding: true });
 * // sso.home → open it, or xeniooSectionUrl(sso.home, 'conversation')
 */
export function createXeniooClient(options: XeniooClientOptions): XeniooClient {
  nonEmpty('accountApiKey', options.accountApiKey);
  const clock = options.clock ?? systemClock;
  const http: HttpClient = createHttpClient({
    baseUrl: options.serviceEndpoint,
    fetch: options.fetch,
    clock,
    timeoutMs: options.timeoutMs,
  });
  return {
    async authorize(request) {
      const body = xeniooAuthorizeBody(options.accountApiKey, request);
      let data;
      try {
        // Never retried: each call mints a token, and a POST is not idempotent.
        data = await http.request({
          method: 'POST',
          path: '/sso/authorize',
          body,
          schema: XeniooAuthorizeResponseSchema,
          retry: false,
          signal: request.signal,
        });
      } catch (error) {
        throw toXeniooError(error);
      }
      return processXeniooAuthorizeResponse(data, clock.now(), `response of POST ${http.url('/sso/authorize')}`);
    },
  };
}

// ---- Browser side: the broker's chatbots ---------------------------------------------------------

/** A section of a bot that the launcher offers as a deep link. */
export interface ChatbotSection {
  /** Appended to `Home`, such as `conversation`. */
  id: string;
  /** What the agent reads, such as "Conversations". */
  label: string;
}

/** A chatbot of the agent's brand, as the broker lists it (no keys, no secrets). */
export interface Chatbot {
  /** The broker's id of the bot, such as `listing-assistant`. */
  id: string;
  name: string;
  sections: ChatbotSection[];
}

/** A bot's SSO token, as the broker hands it to the browser. */
export interface ChatbotToken {
  botId: string;
  embedding: boolean;
  /** The designer root with the token in it (http(s), checked). */
  home: string;
  token: string;
  /** Epoch ms, by this client's clock. */
  expiresAt: number;
}

/** The sections offered when the broker lists none. */
export const DEFAULT_CHATBOT_SECTIONS: readonly ChatbotSection[] = [{ id: 'conversation', label: 'Conversations' }];

/** A token is used until this long before it expires; then a new one is fetched. */
export const CHATBOT_TOKEN_MARGIN_MS = 60_000;

/** Options of {@link ChatbotClient}. */
export interface ChatbotClientOptions {
  /**
   * The broker's URL, such as `https://intranet.example/broker`. A relative one (`/broker`) is resolved
   * against the page.
   */
  broker: string;
  /** The brand whose chatbots are listed. */
  brand: string;
  /**
   * The Rechat session: it adds the agent's bearer token to every broker call, refreshes it, and waits
   * while MFA is required. Its `user` keys the token cache, so one agent never gets another's token.
   */
  session: AuthorizedApi & { readonly user?: { readonly id: string } | undefined };
  clock?: Clock;
}

/** A bot this client handed a token for, with the URL that signs the agent out of it. */
export interface OpenedBot {
  botId: string;
  embedding: boolean;
  logoutUrl: string;
}

/**
 * The element's way to chatbots: lists the brand's bots and gets their SSO tokens **from the broker**,
 * caching each token per user, bot and embedding flag until a minute before it expires.
 *
 * The cache is in memory, on purpose:
 * - {@link cachedToken} must answer synchronously, so that a launch can open the bot inside the click
 *   with no `await` (a browser blocks `window.open` after one);
 * - a Xenioo token is a credential that Xenioo itself puts in URLs; kept in memory it dies with the
 *   page and is never written to disk. The price is one broker call per bot per page load, which the
 *   element can pay ahead of the click ({@link getToken} on hover or focus).
 *
 * @example
 * const bots = new ChatbotClient({ broker: '/broker', brand, session });
 * const list = await bots.listChatbots();
 * // in the click handler, no await before window.open:
 * const cached = bots.cachedToken(list[0].id, false);
 * if (cached) window.open(bots.sectionUrl(cached, 'conversation'), '_blank', 'noopener');
 * // on sign-out:
 * const urls = bots.logoutUrls(); bots.clear(); // then load each URL (a hidden iframe) to end the bot sessions
 */
export class ChatbotClient {
  readonly #broker: string;
  readonly #brand: string;
  readonly #session: ChatbotClientOptions['session'];
  readonly #clock: Clock;
  readonly #tokens = new Map<string, ChatbotToken>();
  readonly #inflight = new Map<string, Promise<ChatbotToken>>();
  /** Every token handed out since the last {@link clear}, by token: their logout URLs. */
  readonly #opened = new Map<string, OpenedBot>();
  /** Bumped by {@link clear}: a request still in flight then must not fill the cache again. */
  #generation = 0;

  constructor(options: ChatbotClientOptions) {
    const page = (globalThis as { location?: { href?: string } }).location?.href;
    const broker = safeHttpUrl(options.broker, page);
    if (!broker) throw new TypeError('"broker" must be an http(s) URL');
    nonEmpty('brand', options.brand);
    this.#broker = broker.replace(/\/+$/, '');
    this.#brand = options.brand;
    this.#session = options.session;
    this.#clock = options.clock ?? systemClock;
  }

  #key(botId: string, embedding: boolean): string {
    return JSON.stringify([this.#session.user?.id ?? '', botId, embedding]);
  }

  /**
   * The brand's chatbots that the broker has configured, for the signed-in agent.
   * @throws {HttpError} 403 when the agent is not a member of the brand
   * @throws {SessionExpiredError | MfaRequiredError | NetworkError | TimeoutError | ValidationError} as the session's calls
   */
  async listChatbots(options: { signal?: AbortSignal } = {}): Promise<Chatbot[]> {
    const response = await this.#session.request({
      path: this.#broker + brokerPath(BROKER_ROUTES.chatbots, { brand: this.#brand }),
      schema: ChatbotListResponseSchema,
      signal: options.signal,
    });
    return response.data.map((bot) => {
      const sections = (bot.sections ?? DEFAULT_CHATBOT_SECTIONS).filter((section) => isXeniooSection(section.id));
      return { id: bot.id, name: bot.name, sections: sections.map(({ id, label }) => ({ id, label })) };
    });
  }

  /**
   * The cached token of a bot for the signed-in agent, if one is still good for more than a minute.
   * Synchronous, for launching inside a click. Counts as handing the token out (see {@link openedBots}).
   */
  cachedToken(botId: string, embedding = false): ChatbotToken | undefined {
    const key = this.#key(botId, embedding);
    const token = this.#tokens.get(key);
    if (!token) return undefined;
    if (token.expiresAt - CHATBOT_TOKEN_MARGIN_MS <= this.#clock.now()) {
      this.#tokens.delete(key);
      return undefined;
    }
    this.#remember(token);
    return token;
  }

  /**
   * A bot's token: the cached one while it has more than a minute left, else a new one from the broker.
   * Concurrent calls for the same bot share one request.
   * @throws {UpstreamError} with {@link XeniooMessage.NotFound} or {@link XeniooMessage.Incomplete} when Xenioo refused
   * @throws {SessionExpiredError | HttpError | NetworkError | TimeoutError | ValidationError} otherwise
   */
  getToken(botId: string, embedding = false, options: { signal?: AbortSignal } = {}): Promise<ChatbotToken> {
    nonEmpty('botId', botId);
    const cached = this.cachedToken(botId, embedding);
    if (cached) return Promise.resolve(cached);
    const key = this.#key(botId, embedding);
    let inflight = this.#inflight.get(key);
    if (!inflight) {
      inflight = this.#fetchToken(key, botId, embedding, options.signal).finally(() => this.#inflight.delete(key));
      this.#inflight.set(key, inflight);
    }
    return inflight;
  }

  async #fetchToken(key: string, botId: string, embedding: boolean, signal?: AbortSignal): Promise<ChatbotToken> {
    const generation = this.#generation;
    let response;
    try {
      response = await this.#session.request({
        method: 'POST',
        path: this.#broker + brokerPath(BROKER_ROUTES.chatbotToken, { brand: this.#brand, bot: botId }),
        body: { embedding },
        schema: ChatbotTokenResponseSchema,
        retry: false,
        signal,
      });
    } catch (error) {
      throw fromBrokerError(error);
    }
    const home = safeHttpUrl(response.data.home);
    if (!home) throw new ValidationError('chatbot token', [{ path: 'data.home', message: 'must be an http(s) URL' }]);
    const token: ChatbotToken = {
      botId,
      embedding,
      home,
      token: response.data.token,
      expiresAt: this.#clock.now() + response.data.expires_in * 1000,
    };
    // Signed out while the request was in flight: the token must not outlive the sign-out.
    if (generation !== this.#generation) throw new SessionExpiredError('Signed out.');
    this.#tokens.set(key, token);
    this.#remember(token);
    return token;
  }

  #remember(token: ChatbotToken): void {
    this.#opened.set(token.token, { botId: token.botId, embedding: token.embedding, logoutUrl: this.logoutUrl(token) });
  }

  /** The bot's designer home, signed in. */
  homeUrl(token: Pick<ChatbotToken, 'home'>): string {
    return xeniooHomeUrl(token.home);
  }

  /** A deep link into a section of the bot, such as `conversation`. */
  sectionUrl(token: Pick<ChatbotToken, 'home'>, section: string): string {
    return xeniooSectionUrl(token.home, section);
  }

  /** The URL that signs the agent out of the bot. */
  logoutUrl(token: Pick<ChatbotToken, 'home'>): string {
    return xeniooLogoutUrl(token.home);
  }

  /**
   * The bots this client handed a token for since the last {@link clear} (by {@link getToken} or
   * {@link cachedToken}), one entry per token, expired ones included: a designer session can outlive
   * its token.
   */
  openedBots(): OpenedBot[] {
    return [...this.#opened.values()];
  }

  /** The logout URLs of {@link openedBots}, for signing out of every bot opened from the launcher. */
  logoutUrls(): string[] {
    return this.openedBots().map((bot) => bot.logoutUrl);
  }

  /** Forgets every token and every opened bot: call it on sign-out, after reading {@link logoutUrls}. */
  clear(): void {
    this.#generation++;
    this.#tokens.clear();
    this.#inflight.clear();
    this.#opened.clear();
  }
}

/** Turns the broker's chatbot errors back into the {@link UpstreamError}s the broker mapped them from. */
function fromBrokerError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  for (const [reason, code] of Object.entries(ChatbotErrorCode)) {
    if (error.serverCode === code) return xeniooError(reason as XeniooErrorReason, error.status);
  }
  return error;
}
