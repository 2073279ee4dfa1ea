/**
 * The core against the local API simulator, in one call: a simulator and a {@link LauncherClient}
 * (with its {@link Session}) sharing one fake clock, with a memory store and the simulator's `fetch`
 * injected. Nothing reaches the network: a call that the simulator does not answer fails.
 */
import { Secret, TOTP } from 'otpauth';
import type { LockManagerLike } from '../../core/deps.ts';
import { LauncherClient } from '../../core/launcher.ts';
import { Session, type SessionOptions } from '../../core/session.ts';
import { memoryStore, type KeyValueStore } from '../../core/storage.ts';
import {
  CHILD_BRAND_ID,
  CLIENT_ID,
  DEMO_PASSWORD,
  MFA_SECRET,
  PARENT_BRAND_ID,
  USERS,
  createSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../demo/simulator/index.ts';
import { fakeClock, type FakeClock } from './clock.ts';

export { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, MFA_SECRET, PARENT_BRAND_ID, USERS };

/** The API base the core is configured with; the simulator answers any origin. */
export const API_BASE = 'https://rechat.sim.test';

/** The demo accounts, by the key of {@link USERS}. */
export type DemoUser = keyof typeof USERS;

export interface CoreHarness {
  sim: Simulator;
  clock: FakeClock;
  store: KeyValueStore;
  client: LauncherClient;
  session: Session;
  /** Requests the simulator received, as "METHOD /path" strings, oldest first. */
  log(): string[];
  /** How many requests matched `method` and `path` (a substring of the path). */
  count(method: string, path: string): number;
  /** Every call the core made through its fetch, with URL, headers and body as sent. */
  calls: SentCall[];
}

/** A call as the core sent it. */
export interface SentCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The body as text for JSON, `[FormData]` for an upload, undefined when there was none. */
  body: string | undefined;
}

/** Wraps a fetch so that every call is recorded as {@link SentCall}. */
export function recordingFetch(inner: typeof fetch, calls: SentCall[]): typeof fetch {
  return (input, init = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const body = init.body == null ? undefined : typeof init.body === 'string' ? init.body : init.body instanceof FormData ? '[FormData]' : '[binary]';
    calls.push({ url: String(input instanceof Request ? input.url : input), method: init.method ?? 'GET', headers, body });
    return inner(input, init);
  };
}

export interface HarnessOptions {
  sim?: Omit<SimulatorOptions, 'now'>;
  /** An existing simulator (for several contexts against one server); its clock must be `clock`. */
  simulator?: Simulator;
  clock?: FakeClock;
  store?: KeyValueStore;
  brand?: string;
  timeoutMs?: number;
  locks?: LockManagerLike;
  clientId?: string;
}

/** A simulator, a fake clock and a launcher client wired together. */
export function coreHarness(options: HarnessOptions = {}): CoreHarness {
  const clock = options.clock ?? fakeClock();
  const sim = options.simulator ?? createSimulator({ ...options.sim, now: clock.now });
  const store = options.store ?? memoryStore();
  const calls: SentCall[] = [];
  const client = new LauncherClient(
    {
      apiBase: API_BASE,
      clientId: options.clientId ?? CLIENT_ID,
      brand: options.brand ?? CHILD_BRAND_ID,
      timeoutMs: options.timeoutMs,
    },
    { fetch: recordingFetch(sim.fetch, calls), clock, store, locks: options.locks },
  );
  const log = () => sim.requests.map((r) => `${r.method} ${r.path}`);
  return {
    sim,
    clock,
    store,
    client,
    session: client.session as Session, // bearer mode: the harness sets no broker
    log,
    count: (method, path) => sim.requests.filter((r) => r.method === method && r.path.includes(path)).length,
    calls,
  };
}

/** A harness whose session is signed in as a demo account (and MFA-validated when it has MFA). */
export async function signedInHarness(user: DemoUser = 'agent', options: HarnessOptions = {}): Promise<CoreHarness> {
  const harness = coreHarness(options);
  await harness.session.signIn(USERS[user].email, DEMO_PASSWORD);
  if (harness.session.state.status === 'mfa-required') await harness.session.validateMfa(totp(MFA_SECRET, harness.clock.now()));
  if (harness.session.state.status !== 'signed-in') throw new Error(`could not sign in as ${user}`);
  return harness;
}

/** A second session (another tab, the extension's popup) on the same store, simulator and clock. */
export function sessionSharing(harness: CoreHarness, extra: Partial<SessionOptions> = {}): Session {
  return new Session({
    apiBase: API_BASE,
    clientId: CLIENT_ID,
    store: harness.store,
    fetch: harness.sim.fetch,
    clock: harness.clock,
    ...extra,
  });
}

/** The current TOTP code of a base32 secret at `timestamp` (epoch ms), as an authenticator app shows it. */
export function totp(secret: string, timestamp: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp });
}

/** A code that is not the current one (nor one step either side), for "wrong code" tests. */
export function wrongTotp(secret: string, timestamp: number): string {
  const near = new Set([-1, 0, 1].map((step) => totp(secret, timestamp + step * 30_000)));
  for (let i = 0; ; i++) {
    const candidate = String((Number(totp(secret, timestamp)) + 1 + i * 7919) % 1_000_000).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}

/** A minimal valid 1×1 PNG, for icon uploads. */
export function tinyPng(): Blob {
  const base64 =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  return new Blob([bytes], { type: 'image/png' });
}
