/**
 * The simulated Xenioo service (Platform SSO), mounted by the simulator at `<basePath>/xenioo`:
 * - `POST /xenioo/sso/authorize` mints a 60-minute SSO token for a team member of a bot;
 * - `GET /xenioo/auth/sso/<token>[/<section>]` is the bot's designer, signed in (a page saying which bot,
 *   which user, which section and whether it is embedded);
 * - `GET /xenioo/auth/sso/<token>/logout` signs out (the token stops working).
 *
 * Rules enforced, as the vendor doc states them: the account key, the bot key and the bot secret are
 * checked; the account's SSO Login package must cover the bot; the email must be the bot's owner or on
 * its team; tokens expire after 60 minutes. Errors: 400 for an incomplete request, 404 for a bot,
 * account or team member not found, and 403 instead of 404 from bots on the older API, which also
 * answer without the `Data` wrapper (see xenioo-seed.ts for which bot is which).
 *
 * ASSUMPTIONS, not in the doc: a wrong bot secret is answered like an unknown bot (so a key cannot be
 * probed); the error body is `{Message}`; logging out works with an expired token too (a sign-out
 * must always be able to happen); the sections are those of {@link XENIOO_SECTIONS}.
 * @see docs/architecture.md, "Xenioo Platform SSO" (from Xenioo's "Platform SSO" documentation)
 * @module
 */
import { Hono, type Context } from 'hono';
import { isRecord } from './http.ts';
import { escapeHtml, htmlResponse, page } from './pages.ts';
import { randomToken } from './rechat/store.ts';
import {
  XENIOO_ACCOUNT_API_KEY,
  XENIOO_BOTS,
  XENIOO_SECTIONS,
  XENIOO_TOKEN_MINUTES,
  type SeedXeniooBot,
} from './xenioo-seed.ts';

/** One SSO token the simulator minted. */
export interface XeniooTokenRecord {
  readonly bot: SeedXeniooBot;
  readonly email: string;
  readonly embedded: boolean;
  /** Epoch ms. */
  expiresAt: number;
  /** Set by the logout page: the token no longer signs anyone in. */
  signedOut: boolean;
}

/** The simulated Xenioo's mutable state: the tokens it minted. */
export class XeniooStore {
  readonly tokens = new Map<string, XeniooTokenRecord>();

  reset(): void {
    this.tokens.clear();
  }

  /** Expires every token minted so far ("the hour is up"). */
  expireAll(now: number): void {
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }
}

export interface XeniooContext {
  readonly store: XeniooStore;
  /** Epoch ms. */
  readonly now: () => number;
  /** Where the Xenioo routes are mounted, such as `/api/xenioo`. */
  readonly basePath: string;
}

/** The path prefix of the Xenioo routes inside the simulator. */
export const XENIOO_PREFIX = '/xenioo';

/** A Xenioo refusal, answered as JSON `{Message}` with its status. */
class XeniooError extends Error {
  constructor(readonly status: 400 | 403 | 404, message: string) {
    super(message);
    this.name = 'XeniooError';
  }
}

/** "Not found" as the bot's API version says it: 404, or 403 from older versions. */
function notFound(bot: SeedXeniooBot | undefined, message: string): XeniooError {
  return new XeniooError(bot?.api === 'legacy' ? 403 : 404, message);
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

/** A required, non-empty string field of the authorize request: 400 when it is missing. */
function required(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || !value.trim()) throw new XeniooError(400, `${name} is required`);
  return value.trim();
}

/** Reads and checks `POST /sso/authorize`, and mints the token. */
async function authorize(c: Context, ctx: XeniooContext): Promise<Response> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new XeniooError(400, 'The request body must be JSON');
  }
  if (!isRecord(body)) throw new XeniooError(400, 'The request body must be a JSON object');
  const accountKey = required(body, 'AccountAPIKey');
  const botKey = required(body, 'BotAPIKey');
  const botSecret = required(body, 'BotAPISecret');
  const email = required(body, 'Email');
  if (!EMAIL_RE.test(email)) throw new XeniooError(400, 'Email is not a valid email address');
  const embedding = body.EnableEmbedding;
  if (embedding !== undefined && embedding !== null && typeof embedding !== 'boolean') {
    throw new XeniooError(400, 'EnableEmbedding must be true or false');
  }

  if (accountKey !== XENIOO_ACCOUNT_API_KEY) throw notFound(undefined, 'Account not found');
  const bot: SeedXeniooBot | undefined = XENIOO_BOTS.find((candidate) => candidate.botApiKey === botKey);
  // A wrong secret looks exactly like an unknown bot: a caller cannot learn which keys exist.
  if (!bot || bot.botApiSecret !== botSecret) throw notFound(bot, 'Chatbot not found');
  if (!bot.ssoPackage) throw notFound(bot, 'Chatbot not found: the SSO Login package is not enabled for it');
  if (!bot.team.some((member) => member.toLowerCase() === email.toLowerCase())) throw notFound(bot, 'Team member not found');

  const token = randomToken(24);
  const record: XeniooTokenRecord = {
    bot,
    email: bot.team.find((member) => member.toLowerCase() === email.toLowerCase())!,
    embedded: embedding === true,
    expiresAt: ctx.now() + XENIOO_TOKEN_MINUTES * 60_000,
    signedOut: false,
  };
  ctx.store.tokens.set(token, record);
  const data = {
    Home: `${new URL(c.req.url).origin}${ctx.basePath}/auth/sso/${token}`,
    Token: token,
    Expires: XENIOO_TOKEN_MINUTES,
  };
  return jsonResponse(bot.api === 'legacy' ? data : { Data: data });
}

// ---- The designer pages -------------------------------------------------------------------------

/**
 * Designer pages may be shown in an iframe on the intranet (that is what `EnableEmbedding` is for), so
 * they allow any ancestor; nothing else may load or run.
 */
export const XENIOO_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *";

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; background: Canvas; color: CanvasText; }
  .xenioo-header { padding: .75rem 1.25rem; background: #5b2a86; color: #fff; font-weight: 700; }
  main { max-width: 40rem; margin: 0 auto; padding: 2rem; text-align: center; }
  h1 { font-size: 1.4rem; overflow-wrap: anywhere; }
  p { opacity: .8; overflow-wrap: anywhere; }`;

function designerPage(title: string, body: string, options: { header: boolean; status?: number }): Response {
  const header = options.header ? '<header class="xenioo-header">Xenioo</header>\n' : '';
  // The token is in the URL: htmlResponse's no-referrer keeps it from leaking to another site.
  return htmlResponse(page(title, body, { style: STYLE, beforeMain: header }), options.status ?? 200, XENIOO_PAGE_CSP);
}

function errorPage(status: number, message: string): Response {
  return designerPage(message, `<h1>${escapeHtml(message)}</h1>`, { header: true, status });
}

/** The signed-in designer: the bot's home (no section) or one of its sections. */
function designer(record: XeniooTokenRecord, section: string | undefined): Response {
  const label = section === undefined ? undefined : XENIOO_SECTIONS[section];
  if (section !== undefined && !label) return errorPage(404, `${record.bot.name} has no section "${section}"`);
  const heading = `Chatbot ${record.bot.name}${label ? ` — ${label}` : ''} — signed in as ${record.email}`;
  const body = `<h1>${escapeHtml(heading)}</h1>
<p>Embedded: ${record.embedded ? 'yes' : 'no'}</p>
<p>This page is served by the local API simulator in place of the Xenioo designer.</p>`;
  return designerPage(`${record.bot.name} — Xenioo`, body, { header: !record.embedded });
}

function designerRoute(c: Context, ctx: XeniooContext, section: string | undefined): Response {
  const record = ctx.store.tokens.get(c.req.param('token') ?? '');
  if (section === 'logout') {
    if (!record) return errorPage(401, 'This Xenioo sign-in link is not valid');
    record.signedOut = true;
    const body = `<h1>${escapeHtml(`Signed out of ${record.bot.name}`)}</h1>\n<p>${escapeHtml(record.email)} is no longer signed in to this chatbot.</p>`;
    return designerPage(`Signed out of ${record.bot.name}`, body, { header: !record.embedded });
  }
  if (!record || record.signedOut || ctx.now() >= record.expiresAt) {
    return errorPage(401, 'This Xenioo sign-in link is not valid or has expired');
  }
  return designer(record, section);
}

/** The Xenioo app, its routes under `ctx.basePath`. Call its `fetch`. */
export function createXeniooApp(ctx: XeniooContext): Hono {
  const app = new Hono().basePath(ctx.basePath);
  app.onError((error) => {
    if (error instanceof XeniooError) return jsonResponse({ Message: error.message }, error.status);
    return jsonResponse({ Message: `Simulator error: ${error instanceof Error ? error.message : String(error)}` }, 500);
  });
  app.notFound((c) => jsonResponse({ Message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.post('/sso/authorize', (c) => authorize(c, ctx));
  app.get('/auth/sso/:token', (c) => designerRoute(c, ctx, undefined));
  app.get('/auth/sso/:token/:section', (c) => designerRoute(c, ctx, c.req.param('section')));
  return app;
}
