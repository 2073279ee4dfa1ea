/**
 * The demo's token broker: demo/broker.config.json (the only place the demo's broker secrets live,
 * besides the simulator's seed), pointed at the demo server's own simulator.
 *
 * The file's URLs are those of `npm run serve` on its default port, for `npm run broker` run beside it.
 * Mounted inside the demo server, the broker talks to the simulator in-process (its `fetch`) and its
 * URLs are rewritten to the server's actual origin, known once it listens, so that the Xenioo `Home`
 * links it hands out point at the server the browser is on.
 * @module
 */
import { createBroker, parseBrokerConfig, type BrokerConfig, type BrokerOptions } from '../broker/index.ts';
import raw from './broker.config.json' with { type: 'json' };
import type { Simulator } from './simulator/index.ts';

/** The demo configuration, checked. */
export const DEMO_BROKER_CONFIG: BrokerConfig = parseBrokerConfig(raw, 'demo/broker.config.json');

/** The demo configuration for a demo server at `origin` (such as `http://127.0.0.1:41234`). */
export function demoBrokerConfig(origin: string): BrokerConfig {
  return {
    ...DEMO_BROKER_CONFIG,
    rechat: { ...DEMO_BROKER_CONFIG.rechat, apiBase: `${origin}/api` },
    allowedOrigins: [...new Set([origin, ...DEMO_BROKER_CONFIG.allowedOrigins])],
    // "Sign in with Rechat" through this server's simulator; the server registers the callback there.
    ...(DEMO_BROKER_CONFIG.signIn
      ? { signIn: { ...DEMO_BROKER_CONFIG.signIn, redirectUri: `${origin}/broker/callback`, authorizeUrl: `${origin}/api/oauth2/auth` } }
      : {}),
    ...(DEMO_BROKER_CONFIG.xenioo ? { xenioo: { ...DEMO_BROKER_CONFIG.xenioo, serviceEndpoint: `${origin}/api/xenioo` } } : {}),
    ...(DEMO_BROKER_CONFIG.mosaic ? { mosaic: { ...DEMO_BROKER_CONFIG.mosaic, apiBase: `${origin}/api/mosaic` } } : {}),
  };
}

/**
 * The broker as the demo server mounts it at `/broker`: created on the first request, when the
 * server's origin is known.
 * @param origin the demo server's origin; called on the first request
 */
export function demoBroker(simulator: Simulator, origin: () => string, options: Omit<BrokerOptions, 'fetch' | 'basePath'> = {}): (request: Request) => Promise<Response> {
  let broker: ReturnType<typeof createBroker> | undefined;
  return (request) => {
    broker ??= createBroker(demoBrokerConfig(origin()), { ...options, fetch: simulator.fetch, basePath: '/broker' });
    return broker.handle(request);
  };
}
