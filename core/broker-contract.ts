/**
 * The broker's contract with the browser: the routes of the broker that the core's clients call, and
 * the shapes of its answers. Written once, here; the core's clients (core/xenioo.ts, core/mosaic.ts,
 * core/broker-session.ts) parse with these schemas, and broker/ mounts these routes and types its
 * answers with them, so the two sides cannot drift. Rechat's own shapes are in core/rechat/schemas.ts.
 * @module
 */
import * as z from 'zod/mini';
import './schema.ts';
import { UserSchema } from './rechat/schemas.ts';

/** The broker's routes, relative to its URL, as its router writes them (`:name` is a parameter). */
export const BROKER_ROUTES = {
  /** `GET` the agent's session, `POST` a sign-in (password grant), `DELETE` to sign out. */
  session: '/session',
  /** The brand's chatbots (`GET`), for a member of the brand. */
  chatbots: '/brands/:brand/chatbots',
  /** A Xenioo SSO token for one of them (`POST {embedding?}`). */
  chatbotToken: '/brands/:brand/chatbots/:bot/token',
  /** Mosaic's SSO clients groups (`GET`, `POST`), for the configured admin brand's admins. */
  mosaicGroups: '/admin/mosaic/groups',
  /** One group (`GET`, `PUT`, `DELETE`). */
  mosaicGroup: '/admin/mosaic/groups/:id',
} as const;

type Params<R extends string> = R extends `${string}:${infer P}/${infer Rest}` ? P | Params<`/${Rest}`> : R extends `${string}:${infer P}` ? P : never;

/**
 * A route with its parameters filled in, each URL-encoded.
 * @example brokerPath(BROKER_ROUTES.chatbotToken, { brand: 'b1', bot: 'listing assistant' })
 * // '/brands/b1/chatbots/listing%20assistant/token'
 */
export function brokerPath<R extends string>(route: R, params: Record<Params<R>, string>): string {
  return route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name]!));
}

/** `GET /session`, `POST /session`: the broker's view of a session, never a token. */
export const SessionViewSchema = /* @__PURE__ */ z.object({
  code: z.optional(z.string()),
  data: z.object({
    status: z.enum(['signed-in', 'mfa-required', 'signed-out']),
    user: z.optional(UserSchema),
  }),
});
export type SessionView = z.infer<typeof SessionViewSchema>['data'];

/** `GET /brands/:brand/chatbots`: what a browser may know of a bot (no key, no secret). */
export const ChatbotListResponseSchema = /* @__PURE__ */ z.object({
  code: z.optional(z.string()),
  data: z.array(
    z.object({
      id: z.string().check(z.minLength(1)),
      name: z.string(),
      sections: z.optional(z.nullable(z.array(z.object({ id: z.string(), label: z.string() })))),
    }),
  ),
});
export type ChatbotListResponse = z.infer<typeof ChatbotListResponseSchema>;

/** `POST /brands/:brand/chatbots/:bot/token`: the designer's home with the token in it. */
export const ChatbotTokenResponseSchema = /* @__PURE__ */ z.object({
  code: z.optional(z.string()),
  data: z.object({
    home: z.string().check(z.minLength(1)),
    token: z.string().check(z.minLength(1)),
    /** Seconds. */
    expires_in: z.number().check(z.positive()),
    /** Also sent, for other callers (the core does not need them): the bot, the mode, and the expiry in epoch seconds. */
    bot: z.optional(z.string()),
    embedding: z.optional(z.boolean()),
    expires_at: z.optional(z.number()),
  }),
});
export type ChatbotTokenResponse = z.infer<typeof ChatbotTokenResponseSchema>;
