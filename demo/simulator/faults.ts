/**
 * Fault injection: makes the next request(s) fail the ways real networks and servers fail, so that
 * tests can show the client keeps the session on a 5xx, honours Retry-After, times out, survives
 * malformed or hostile bodies, and copes with being offline (docs/architecture.md, "Security model": only an
 * authoritative rejection signs the agent out).
 *
 * Faults are queued. Each request takes the first queued fault that applies to it (by `match`), and
 * uses up one of its `count`. Control routes (`/__sim/*`) and CORS preflights never take a fault.
 * @module
 */
import { json, validation, isRecord } from './http.ts';

export type Fault =
  /** Answers with that status and `{http, code: "Fault", message}`; sets Retry-After (seconds) when given. */
  | { kind: 'status'; status: number; retryAfter?: number; count?: number; match?: string }
  /** Waits, then answers normally. Aborting the request's signal rejects with the abort reason. */
  | { kind: 'delay'; ms: number; count?: number; match?: string }
  /** 200, JSON content type, a body that is not JSON. */
  | { kind: 'malformed'; count?: number; match?: string }
  /** That JSON body (wrong-typed fields, hostile data), with `status` (default 200). */
  | { kind: 'body'; status?: number; body: unknown; count?: number; match?: string }
  /** The fetch rejects with `TypeError('Failed to fetch')`, as a browser's does offline. */
  | { kind: 'offline'; count?: number; match?: string };

export interface FaultQueue {
  /** Queues a fault; throws (an Error with a message naming the field) when it is malformed. */
  inject(fault: Fault): void;
  clear(): void;
  /** How many more requests will be faulted: the sum of the queued faults' remaining counts. */
  readonly pending: number;
}

/** The body of a `malformed` fault: cut off in the middle, as when a connection drops. */
export const MALFORMED_BODY = '{"code":"OK","data":[';

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** The errors thrown for `offline` faults, so that an HTTP server can tell them from its own bugs. */
const offlineErrors = new WeakSet<object>();

/**
 * Whether `handle` rejected because of an `offline` fault. Over HTTP there is no way to make the
 * client's fetch reject except dropping the connection: a server in front of the simulator can check
 * this and destroy the socket instead of answering 500.
 */
export function isOfflineFault(error: unknown): boolean {
  return typeof error === 'object' && error !== null && offlineErrors.has(error);
}

function isStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 200 && (value as number) <= 599;
}

/** Checks a fault (it may come from JSON over HTTP); throws a 400 Validation ApiError naming the field. */
export function parseFault(value: unknown): Fault {
  if (!isRecord(value)) throw validation('fault: must be an object');
  const { kind, count, match } = value;
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 1)) {
    throw validation('count: must be a positive integer');
  }
  if (match !== undefined && typeof match !== 'string') throw validation('match: must be a string');
  switch (kind) {
    case 'status':
      if (!isStatus(value.status)) throw validation('status: must be an HTTP status from 200 to 599');
      if (value.retryAfter !== undefined && !(Number.isInteger(value.retryAfter) && (value.retryAfter as number) >= 0)) {
        throw validation('retryAfter: must be a whole number of seconds');
      }
      break;
    case 'delay':
      if (typeof value.ms !== 'number' || !Number.isFinite(value.ms) || value.ms < 0) {
        throw validation('ms: must be a non-negative number');
      }
      break;
    case 'body':
      if (!('body' in value)) throw validation('body: required');
      if (value.status !== undefined && (!isStatus(value.status) || NULL_BODY_STATUSES.has(value.status))) {
        throw validation('status: must be an HTTP status from 200 to 599 that allows a body');
      }
      break;
    case 'malformed':
    case 'offline':
      break;
    default:
      throw validation('kind: must be one of status, delay, malformed, body, offline');
  }
  return value as Fault;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class Faults implements FaultQueue {
  private queue: Array<{ fault: Fault; remaining: number }> = [];

  inject(fault: Fault): void {
    const checked = parseFault(fault);
    this.queue.push({ fault: checked, remaining: checked.count ?? 1 });
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** Takes one use of the first queued fault that applies to `path` (relative to the base path). */
  take(path: string): Fault | undefined {
    const index = this.queue.findIndex((entry) => entry.fault.match === undefined || path.includes(entry.fault.match));
    if (index < 0) return undefined;
    const entry = this.queue[index]!;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue.splice(index, 1);
    return entry.fault;
  }
}

/**
 * Applies a fault to a request: the response to send instead of the real one, or undefined to answer
 * normally (after a delay). Rejects for `offline`, and for an aborted `delay`.
 */
export async function applyFault(fault: Fault, request: Request): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      if (NULL_BODY_STATUSES.has(fault.status)) return new Response(null, { status: fault.status, headers });
      return json({ http: fault.status, code: 'Fault', message: `Simulated fault: HTTP ${fault.status}` }, fault.status, headers);
    }
    case 'delay':
      await sleep(fault.ms, request.signal);
      return undefined;
    case 'malformed':
      return new Response(MALFORMED_BODY, { status: 200, headers: { 'content-type': 'application/json' } });
    case 'body':
      return json(fault.body, fault.status ?? 200);
    case 'offline': {
      const error = new TypeError('Failed to fetch');
      offlineErrors.add(error);
      throw error;
    }
  }
}
