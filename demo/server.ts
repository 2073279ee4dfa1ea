/**
 * The demo server: the brokerage intranet page with the embed, backed by the local API simulator.
 *
 * | path                 | what                                                                       |
 * | -------------------- | -------------------------------------------------------------------------- |
 * | `/`                  | demo/intranet/index.html, the page a brokerage would publish               |
 * | `/strict-csp.html`   | the same page, sent with `Content-Security-Policy: script-src 'self'; …`   |
 * | `…?session=bearer`   | either page with bearer tokens in the page instead of broker sessions      |
 * | `/intranet.css`, …   | the page's other files from demo/intranet/                                 |
 * | `/dist/*`            | the built embed (`npm run build`), `Cache-Control: no-cache`               |
 * | `/api/*`             | the simulator (Rechat OAuth2, MFA, SSO apps; control routes `/api/__sim/*`) |
 * | `/broker/*`          | the token broker (demo/broker.ts: demo/broker.config.json over the simulator) |
 *
 * `npm run serve` (or `npm start`, which builds first) runs it on PORT (default 5173). The end-to-end
 * tests call {@link startDemoServer} with port 0.
 * @module
 */
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrokerOptions } from '../broker/index.ts';
import { demoBroker } from './broker.ts';
import { createSimulator, DEMO_PASSWORD, MFA_SECRET, USERS, type Simulator, type SimulatorOptions } from './simulator/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST_DIR = resolve(ROOT, 'dist');
const INTRANET_DIR = resolve(ROOT, 'demo/intranet');
const EMBED = resolve(DIST_DIR, 'sso-launcher.js');

/** The policy of `/strict-csp.html`: what a locked-down intranet sends. The embed must work under it. */
export const STRICT_CSP = "script-src 'self'; object-src 'none'";

const BUILD_HINT = 'dist/sso-launcher.js is missing: run npm run build first.';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // Declaration files: plain text, not MPEG transport streams.
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.zip': 'application/zip',
};

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Passed to the simulator (its `basePath` is always `/api`). */
  simulator?: Omit<SimulatorOptions, 'basePath'>;
  /**
   * The token broker's fetch handler, mounted at `/broker`. Default: the demo broker (demo/broker.ts),
   * configured by demo/broker.config.json and talking to this server's simulator.
   */
  broker?: (request: Request) => Promise<Response>;
  /** Options of the default demo broker (a test's clock, say). */
  brokerOptions?: Omit<BrokerOptions, 'fetch' | 'basePath'>;
}

/** A running demo server. */
export interface DemoServer {
  /** Origin, such as `http://127.0.0.1:5173`, without a trailing slash. */
  url: string;
  /** The simulator behind `/api`, for tests that would rather call it directly than over HTTP. */
  simulator: Simulator;
  /** Stops listening and drops open connections (a browser's keep-alive would otherwise hold it). */
  close(): Promise<void>;
}

/** Reads a file under `root` for a URL path, refusing anything that escapes it. */
async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string; mtime: Date } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = resolve(root, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`));
  if (!file.startsWith(root + sep)) return undefined;
  try {
    const info = await stat(file);
    if (!info.isFile()) return undefined;
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { body: await readFile(file), type, mtime: info.mtime };
  } catch {
    return undefined;
  }
}

/** The element's attributes in bearer mode (tokens in the page, the broker adding only the client secret). */
export const BEARER_ATTRIBUTES = 'api-base="/api" client-id="bf0da47e-7226-11e4-905b-0024d71b10fc" token-endpoint="/broker/oauth2/token" broker="/broker"';

/** The intranet page, with a visible hint when the embed has not been built; in bearer mode when asked. */
async function intranetPage(mode: 'broker' | 'bearer' = 'broker'): Promise<string> {
  let html = await readFile(resolve(INTRANET_DIR, 'index.html'), 'utf8');
  if (mode === 'bearer') html = html.replace('session="broker" broker="/broker"', BEARER_ATTRIBUTES);
  if (existsSync(EMBED)) return html;
  console.warn(`[demo] ${BUILD_HINT}`);
  const banner =
    '<div class="build-missing" role="alert"><strong>The launcher is not built.</strong> ' +
    'dist/sso-launcher.js is missing: run <code>npm run build</code> first.</div>';
  return html.replace(/<body([^>]*)>/i, (body) => `${body}\n${banner}`);
}

function htmlHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...extra,
  };
}

/** Builds the Hono app of the demo server. */
function createApp(simulator: Simulator, broker: DemoServerOptions['broker']): Hono {
  const app = new Hono();

  // The simulator: every method, every path under /api, handed over as the original Request.
  const toSimulator = (c: Context) => simulator.handle(c.req.raw);
  app.all('/api', toSimulator);
  app.all('/api/*', toSimulator);

  // The token broker: it holds the Rechat client secret and the Xenioo bot secrets, and is mounted here
  // as a fetch handler (`startDemoServer({ broker })`, default demo/broker.ts). Without one, 501, so
  // that a client calling it gets a clear answer rather than the intranet page.
  const toBroker = (c: Context) =>
    broker
      ? broker(c.req.raw)
      : c.json({ http: 501, code: 'NotImplemented', message: 'The token broker is not part of this demo yet.' }, 501);
  app.all('/broker', toBroker);
  app.all('/broker/*', toBroker);

  // The built embed, exactly as `npm run build` left it. `no-cache` (revalidate every time) so that a
  // rebuild shows up on the next reload without a hard refresh.
  app.get('/dist/*', async (c) => {
    const path = new URL(c.req.url).pathname.slice('/dist'.length);
    const file = await readStatic(DIST_DIR, path);
    if (!file) {
      const hint = path === '/sso-launcher.js' ? ` ${BUILD_HINT}` : '';
      if (hint) console.warn(`[demo]${hint}`);
      return c.text(`Not found: /dist${path}.${hint}`, 404, { 'cache-control': 'no-cache' });
    }
    const etag = `W/"${file.body.length.toString(16)}-${file.mtime.getTime().toString(16)}"`;
    const headers = {
      'content-type': file.type,
      'cache-control': 'no-cache',
      etag,
      'x-content-type-options': 'nosniff',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(file.body), 200, headers);
  });

  // The intranet page, and its strict-CSP twin: same HTML, only the header differs.
  // `?session=bearer`: the same page with the tokens in the page, for comparing the two session modes.
  const mode = (c: Context) => (c.req.query('session') === 'bearer' ? 'bearer' : 'broker');
  app.get('/', async (c) => c.body(await intranetPage(mode(c)), 200, htmlHeaders()));
  app.get('/index.html', async (c) => c.body(await intranetPage(mode(c)), 200, htmlHeaders()));
  app.get('/strict-csp.html', async (c) =>
    c.body(await intranetPage(mode(c)), 200, htmlHeaders({ 'content-security-policy': STRICT_CSP })),
  );

  // The page's own files (intranet.css, images).
  app.get('/*', async (c) => {
    const file = await readStatic(INTRANET_DIR, new URL(c.req.url).pathname);
    if (!file) return c.text('Not found', 404);
    return c.body(new Uint8Array(file.body), 200, { 'content-type': file.type, 'cache-control': 'no-cache' });
  });

  return app;
}

/**
 * Starts the demo server.
 * @example
 * const demo = await startDemoServer({ port: 0 });
 * // … open demo.url in a browser …
 * await demo.close();
 */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const simulator = createSimulator({ ...options.simulator, basePath: '/api' });
  // The demo broker learns the server's origin on its first request (the port is known only then).
  let origin = '';
  const app = createApp(simulator, options.broker ?? demoBroker(simulator, () => origin, options.brokerOptions));

  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info: AddressInfo) =>
      resolvePromise({ server, port: info.port }),
    );
    server.once('error', reject);
  });

  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  origin = `http://${urlHost}:${port}`;
  // The demo broker's callback on this port, registered with the simulated Rechat (exact match).
  simulator.registerRedirectUri(`${origin}/broker/callback`);
  return {
    url: origin,
    simulator,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        // Browsers keep connections alive; without this, close() waits for them to time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** `npm run serve` / `npm start`. */
async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 5173;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not "${process.env.PORT}".`);
    process.exit(1);
  }
  const demo = await startDemoServer({ port, ...(process.env.HOST ? { host: process.env.HOST } : {}) });
  const accounts = [
    [USERS.agent.email, 'agent, no MFA'],
    [USERS.mfaAgent.email, `agent with MFA: TOTP secret ${MFA_SECRET}`],
    [USERS.admin.email, 'office admin'],
  ];
  console.log(`\nLone Star Realty intranet demo: ${demo.url}/`);
  console.log(`  strict-CSP copy:  ${demo.url}/strict-csp.html`);
  console.log(`  API simulator:    ${demo.url}/api`);
  console.log(`  token broker:     ${demo.url}/broker`);
  console.log(`\nDemo accounts (password "${DEMO_PASSWORD}"):`);
  for (const [email, what] of accounts) console.log(`  ${email!.padEnd(24)} ${what}`);
  if (!existsSync(EMBED)) console.warn(`\n[demo] ${BUILD_HINT}`);
  console.log('\nPress Ctrl+C to stop.');

  const stop = () => {
    void demo.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
