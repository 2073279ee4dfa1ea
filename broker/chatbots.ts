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

export const chatbotRoutes: BrokerModule = (app, ctx) => {
  const botsOf = (brand: string) => ctx.config.brands[brand]?.chatbots ?? [];

  app.get(BROKER_ROUTES.chatbots, async (c) => {
    const brand = c.req.param('brand');
    await ctx.requireBrandMember(c, brand);
    return json({ code: 'OK', data: botsOf(brand).map(publicView) } satisfies ChatbotListResponse);
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
        // An incomplete request is the broker's configuration at fault: a 502, not the caller's 400.
        throw error.detail === 'incomplete' ? chatbotError('incomplete', 502) : chatbotError('not-found', 404);
      }
      ctx.logger.warn(`xenioo: bot "${bot.id}" for brand ${brand} failed: ${describe(error)}`);
      // 5xx, offline, a timeout, a body that is not Xenioo's: nothing the agent or the admin can fix.
      throw chatbotError('unavailable', error instanceof TimeoutError ? 504 : 502);
    }
    ctx.recent.add(sso.token); // a Xenioo token is a bearer token too: never in a log line
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
