/**
 * The token broker against the local API simulator, in one call: a simulator (Rechat and Xenioo), a
 * broker configured from the simulator's seed, and a fetch that sends broker URLs to the broker and
 * everything else to the simulator. The broker's own upstream calls are recorded, and its log lines
 * captured. Nothing reaches the network.
 */
import type { Fetch } from '../../core/deps.ts';
import { createBroker, type Broker, type BrokerConfig, type BrokerOptions } from '../../broker/index.ts';
import {
  CHILD_BRAND_ID,
  CLIENT_ID,
  CLIENT_SECRET,
  PARENT_BRAND_ID,
  XENIOO_ACCOUNT_API_KEY,
  XENIOO_BOTS,
  createSimulator,
  type Simulator,
} from '../../demo/simulator/index.ts';
import { fakeClock, type FakeClock } from './clock.ts';
import { recordingFetch, type SentCall } from './core.ts';

/** Where the tests pretend the broker and the services live; the simulator answers any origin. */
export const BROKER_URL = 'https://broker.test/broker';
export const RECHAT_URL = 'https://rechat.sim.test/api';
export const XENIOO_URL = 'https://rechat.sim.test/api/xenioo';
export const INTRANET_ORIGIN = 'https://intranet.example';

const [listing, leads, openHouse] = XENIOO_BOTS;

/**
 * A configuration from the simulator's seed. The team's brand offers all three bots (Open House
 * Concierge answers 403: no SSO package); the office offers Listing Assistant only.
 */
export function testBrokerConfig(): BrokerConfig {
  const bot = (b: (typeof XENIOO_BOTS)[number], sections?: Array<{ id: string; label: string }>) => ({
    id: b.id,
    name: b.name,
    botApiKey: b.botApiKey,
    botApiSecret: b.botApiSecret,
    ...(sections ? { sections } : {}),
  });
  return {
    rechat: { apiBase: RECHAT_URL, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    allowedOrigins: [INTRANET_ORIGIN, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
    xenioo: { serviceEndpoint: XENIOO_URL, accountApiKey: XENIOO_ACCOUNT_API_KEY },
    brands: {
      [CHILD_BRAND_ID]: {
        chatbots: [
          bot(listing, [
            { id: 'conversation', label: 'Conversations' },
            { id: 'contacts', label: 'Contacts' },
          ]),
          bot(leads),
          bot(openHouse),
        ],
      },
      [PARENT_BRAND_ID]: { chatbots: [bot(listing)] },
    },
  };
}

/** Every secret of {@link testBrokerConfig}: none may appear in an answer or a log line. */
export const TEST_SECRETS: readonly string[] = [
  CLIENT_SECRET,
  XENIOO_ACCOUNT_API_KEY,
  ...XENIOO_BOTS.flatMap((bot) => [bot.botApiKey, bot.botApiSecret]),
];

/**
 * The request with exactly these headers, `Origin` included. A browser drops forbidden headers such as
 * `Origin` from a `Request` it builds, but a standalone `Headers` keeps them: tests in Chromium use it
 * to play a cross-origin caller, as a server sees one.
 */
export function withHeaders(request: Request, headers: Record<string, string>): Request {
  Object.defineProperty(request, 'headers', { value: new Headers(headers) });
  return request;
}

export interface BrokerHarness {
  sim: Simulator;
  clock: FakeClock;
  broker: Broker;
  /** Every reply {@link call} received, in order. */
  replies: BrokerReply[];
  /** Everything the broker sent out through {@link call} (status, headers, bodies) and logged, as text: for secret scans. */
  output(): string;
  /** Broker URLs to the broker, the rest to the simulator: inject it into a Session. */
  fetch: Fetch;
  /** The broker's calls to Rechat and Xenioo, as sent (headers and bodies included). */
  upstream: SentCall[];
  /** The broker's log lines, as `level: line`. */
  logs: string[];
  /** Requests the simulator received, as "METHOD /path". */
  log(): string[];
  /** Calls the broker: `path` is relative to {@link BROKER_URL}. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; origin?: string; headers?: Record<string, string> }): Promise<BrokerReply>;
}

export interface BrokerReply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function brokerHarness(options: { config?: BrokerConfig; broker?: Omit<BrokerOptions, 'fetch' | 'clock' | 'logger' | 'basePath'> } = {}): BrokerHarness {
  const clock = fakeClock();
  const sim = createSimulator({ basePath: '/api', now: clock.now });
  const upstream: SentCall[] = [];
  const logs: string[] = [];
  const broker = createBroker(options.config ?? testBrokerConfig(), {
    ...options.broker,
    fetch: recordingFetch(sim.fetch, upstream),
    clock,
    basePath: new URL(BROKER_URL).pathname,
    logger: {
      info: (line) => logs.push(`info: ${line}`),
      warn: (line) => logs.push(`warn: ${line}`),
      error: (line) => logs.push(`error: ${line}`),
    },
  });
  const fetch: Fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(`${BROKER_URL}/`)) return broker.handle(new Request(url, init));
    return sim.fetch(input, init);
  };
  const replies: BrokerReply[] = [];
  return {
    sim,
    clock,
    broker,
    fetch,
    upstream,
    logs,
    replies,
    output: () => [...replies.map((r) => `${r.status} ${JSON.stringify([...r.headers])} ${r.text}`), ...logs].join('\n'),
    log: () => sim.requests.map((r) => `${r.method} ${r.path}`),
    async call(method, path, { token, body, origin, headers: extra = {} } = {}) {
      const headers: Record<string, string> = { ...extra };
      if (token) headers.authorization = `Bearer ${token}`;
      if (origin) headers.origin = origin;
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await broker.handle(
        withHeaders(new Request(BROKER_URL + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }), headers),
      );
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      const reply = { status: response.status, headers: response.headers, text, body: parsed };
      replies.push(reply);
      return reply;
    },
  };
}
