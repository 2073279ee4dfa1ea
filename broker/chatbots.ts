/**
 * The chatbot routes: which Xenioo bots the caller's brand offers, and an SSO token for one of them.
 *
 * | route | answers |
 * | --- | --- |
 * | `GET /brands/:brand/chatbots` | `{code: "OK", data: [{id, name, sections: [{id, label}]}]}` |
 * | `POST /brands/:brand/chatbots/:bot/token` `{embedding?: boolean}` | `{code: "OK", data: {bot, embedding, home, token, expires_in, expires_at}}` |
 *
 * Both check the caller's Rechat bearer token and their membership of the brand first. The token is
 * minted for the email Rechat gives for that token, never for anything in the request: whoever holds a
 * bot secret can mint a token for any email (docs/architecture.md, "Xenioo Platform SSO").
 * `expires_in` is in seconds; `expires_at` in epoch seconds, like Rechat's timestamps.
 * @module
 */
import { BROKER_ROUTES, type ChatbotListResponse, type ChatbotTokenResponse } from '../core/broker-contract.ts';
import { TimeoutError, UpstreamError } from '../core/errors.ts';
import { ChatbotErrorCode, DEFAULT_CHATBOT_SECTIONS, xeniooError, type XeniooErrorReason } from '../core/xenioo.ts';
import type { ChatbotConfig } from './config.ts';
import type { BrokerModule } from './context.ts';
import { BrokerError, json, readJsonObject, validation } from './http.ts';
import { describe } from './log.ts';
import { tooManyRequests } from './throttle.ts';

/** The broker's answer when a bot cannot be opened: the status, and the agent's message. */
function chatbotError(reason: XeniooErrorReason, status: number): BrokerError {
  return new BrokerError(status, ChatbotErrorCode[reason], xeniooError(reason, status).message);
}

/** What a browser may know of a bot: no key, no secret. */
function publicView(bot: ChatbotConfig) {
  return { id: bot.id, name: bot.name, sections: [...(bot.sections ?? DEFAULT_CHATBOT_SECTIONS)] };
}

/**
 * The body of `POST …/chatbots/:bot/token`: only an optional boolean `embedding` is read.
 * @throws {BrokerError} 400 `Validation` otherwise (fuzzed in broker/fuzz.node.test.ts)
 */
export function chatbotTokenRequest(body: Record<string, unknown>): { embedding: boolean } {
  const embedding = (Object.hasOwn(body, 'embedding') ? body.embedding : undefined) ?? false;
  if (typeof embedding !== 'boolean') throw validation('embedding: must be true or false');
  return { embedding };
}

/**
 * How long the broker leaves a bot out of an agent's list after Xenioo said the agent is not on its
 * team. Xenioo documents no way to ask who is on a team without minting a token (which it bills), so
 * the broker learns it from the refusal; once the agent is added, the bot is back within this time
 * (or at once on another instance, or after a restart: the memory is per instance).
 */
export const NO_ACCESS_TTL_MS = 15 * 60_000;
/** At most this many refusals are remembered; the oldest go first. */
const NO_ACCESS_MAX = 10_000;

/** Which bots Xenioo refused to which agents, lately: `[user id, brand, bot id]` → until when (epoch ms). */
function refusals(now: () => number) {
  const until = new Map<string, number>();
  const key = (user: string, brand: string, bot: string) => JSON.stringify([user, brand, bot]);
  return {
    add(user: string, brand: string, bot: string): void {
      const k = key(user, brand, bot);
      until.delete(k); // re-inserted last: Map keeps insertion order, so the oldest is first
      until.set(k, now() + NO_ACCESS_TTL_MS);
      if (until.size > NO_ACCESS_MAX) until.delete(until.keys().next().value!);
    },
    has(user: string, brand: string, bot: string): boolean {
      const k = key(user, brand, bot);
      const expires = until.get(k);
      if (expires === undefined) return false;
      if (expires > now()) return true;
      until.delete(k);
      return false;
    },
    delete(user: string, brand: string, bot: string): void {
      until.delete(key(user, brand, bot));
    },
  };
}

export const chatbotRoutes: BrokerModule = (app, ctx) => {
  const botsOf = (brand: string) => ctx.config.brands[brand]?.chatbots ?? [];
  const noAccess = refusals(() => ctx.clock.now());

  app.get(BROKER_ROUTES.chatbots, async (c) => {
    const brand = c.req.param('brand');
    const { caller } = await ctx.requireBrandMember(c, brand);
    // A bot Xenioo lately refused this agent (not on its team) is not offered: its tile could not open.
    const offered = botsOf(brand).filter((bot) => !noAccess.has(caller.user.id, brand, bot.id));
    return json({ code: 'OK', data: offered.map(publicView) } satisfies ChatbotListResponse);
  });

  app.post(BROKER_ROUTES.chatbotToken, async (c) => {
    const brand = c.req.param('brand');
    const { caller } = await ctx.requireBrandMember(c, brand);
    // Per agent: every token is a call to Xenioo, which bills and limits per account (throttle.ts).
    const verdict = await ctx.chatbotTokens.consume(caller.user.id);
    if (!verdict.allowed) throw tooManyRequests(verdict.retryAfterSeconds, 'Too many chatbot launches. Try again in a moment.');
    // Only `embedding` is read: an `Email` (or anything else) in the body is ignored.
    const { embedding } = chatbotTokenRequest(await readJsonObject(c));
    const bot = botsOf(brand).find((candidate) => candidate.id === c.req.param('bot'));
    if (!bot || !ctx.xenioo) throw chatbotError('not-found', 404);

    let sso;
    try {
      sso = await ctx.xenioo.authorize({
        botApiKey: bot.botApiKey,
        botApiSecret: bot.botApiSecret,
        email: caller.user.email,
        embedding,
      });
    } catch (error) {
      if (error instanceof UpstreamError) {
        ctx.logger.warn(`xenioo: refused bot "${bot.id}" for brand ${brand}: HTTP ${error.status} (${error.detail ?? 'refused'})`);
        // Not on the bot's team: a 403 that says whom to ask, and the bot leaves this agent's list for a while.
        if (error.detail === 'no-access') {
          noAccess.add(caller.user.id, brand, bot.id);
          throw chatbotError('no-access', 403);
        }
        // An incomplete request is the broker's configuration at fault: a 502, not the caller's 400.
        throw error.detail === 'incomplete' ? chatbotError('incomplete', 502) : chatbotError('not-found', 404);
      }
      ctx.logger.warn(`xenioo: bot "${bot.id}" for brand ${brand} failed: ${describe(error)}`);
      // 5xx, offline, a timeout, a body that is not Xenioo's: nothing the agent or the admin can fix.
      throw chatbotError('unavailable', error instanceof TimeoutError ? 504 : 502);
    }
    ctx.recent.add(sso.token); // a Xenioo token is a bearer token too: never in a log line
    noAccess.delete(caller.user.id, brand, bot.id); // added to the team since: offered again
    return json({
      code: 'OK',
      data: {
        bot: bot.id,
        embedding,
        home: sso.home,
        token: sso.token,
        expires_in: sso.expiresIn,
        expires_at: Math.floor(sso.expiresAt / 1000),
      },
    } satisfies ChatbotTokenResponse);
  });
};
