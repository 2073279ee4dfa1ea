/**
 * Seed data of the simulated Xenioo service: one account, three chatbots and their teams.
 *
 * The keys and secrets below are the ones the demo broker holds (demo/broker.config.json; a test
 * checks the two agree). They are made-up values of a local simulator, but they are treated like real
 * secrets: they must never reach a browser bundle (test/e2e/secrets.test.ts greps the build for them).
 * @see docs/architecture.md, "Xenioo Platform SSO" (from Xenioo's "Platform SSO" documentation)
 * @module
 */
import { USERS } from './seed.ts';

/** The Xenioo account's API key (`AccountAPIKey`). */
export const XENIOO_ACCOUNT_API_KEY = 'xen-acct-5c1f0b9e2d7a4e36b8a1';

/** Which version of the SSO API a bot answers with. */
export type XeniooApiVersion =
  /** `{Data: {Home, Token, Expires}}`; "not found" is 404. */
  | 'current'
  /** `{Home, Token, Expires}` without the `Data` wrapper; "not found" is 403. */
  | 'legacy';

export interface SeedXeniooBot {
  /** The id the broker's configuration gives the bot (Xenioo itself knows it by its API key). */
  readonly id: string;
  readonly name: string;
  readonly botApiKey: string;
  readonly botApiSecret: string;
  readonly api: XeniooApiVersion;
  /** Whether the account's SSO Login package covers this bot; without it every request is refused. */
  readonly ssoPackage: boolean;
  /** Emails of the bot's owner and team, who may be signed in to it. */
  readonly team: readonly string[];
}

/**
 * The chatbots.
 * - Listing Assistant: current API, every demo account on its team.
 * - Lead Qualifier: older API (unwrapped answers, 403s); Morgan (`mfa.agent@example.com`) is not on its
 *   team, so Morgan is refused with the "not found" error, as Xenioo does.
 * - Open House Concierge: older API and no SSO package: always 403. Not in the demo broker's
 *   configuration; tests configure it to see that refusal.
 */
export const XENIOO_BOTS = [
  {
    id: 'listing-assistant',
    name: 'Listing Assistant',
    botApiKey: 'xen-bot-listing-8e4d2a61c9f3',
    botApiSecret: 'xen-secret-listing-b71f06d93ae2c584',
    api: 'current',
    ssoPackage: true,
    team: [USERS.agent.email, USERS.mfaAgent.email, USERS.admin.email],
  },
  {
    id: 'lead-qualifier',
    name: 'Lead Qualifier',
    botApiKey: 'xen-bot-leads-3b9c7e15f0a4',
    botApiSecret: 'xen-secret-leads-49ad2e8c17f6b035',
    api: 'legacy',
    ssoPackage: true,
    team: [USERS.agent.email, USERS.admin.email],
  },
  {
    id: 'open-house-concierge',
    name: 'Open House Concierge',
    botApiKey: 'xen-bot-openhouse-d06a5f2b8c71',
    botApiSecret: 'xen-secret-openhouse-e5c3917b2f0a8d46',
    api: 'legacy',
    ssoPackage: false,
    team: [USERS.agent.email, USERS.mfaAgent.email, USERS.admin.email],
  },
] as const satisfies readonly SeedXeniooBot[];

/** The designer sections the simulator knows (`Home/<section>`), with the titles its pages show. */
export const XENIOO_SECTIONS: Readonly<Record<string, string>> = {
  conversation: 'Conversations',
  contacts: 'Contacts',
  analytics: 'Analytics',
};

/** Minutes an SSO token lives, as the vendor doc says. */
export const XENIOO_TOKEN_MINUTES = 60;
