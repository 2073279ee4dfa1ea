/**
 * The HTTP layer: base URL, JSON in and out, timeout and abort, retry with backoff, and mapping of
 * every failure to a typed error. A request is kept apart from the processing of its response
 * (as oauth4webapi does), so each can be tested alone.
 * @module
 */
import type * as z from 'zod/mini';
import type { Clock, Fetch } from './deps.ts';
import { systemClock } from './deps.ts';
import {
  HttpError,
  MfaRequiredError,
  NetworkError,
  OAuthError,
  TimeoutError,
  ValidationError,
} from './errors.ts';
import { injectedFetchDiagnosis, isPermanentNetworkFailure, mayReach, platformDiagnosis, type NetworkDiagnosis } from './network-diagnosis.ts';
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry.ts';
import { parseWith } from './schema.ts';

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Base URL that relative paths are resolved against, such as `https://api.rechat.com`. */
  baseUrl: string;
  fetch?: Fetch;
  clock?: Clock;
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * Tells why a fetch rejected (offline, unreachable, refused by CORS, no host permission): see
   * network-diagnosis.ts. Default: probing with the platform's fetch, or only `navigator.onLine` when
   * `fetch` is injected.
   */
  diagnose?: NetworkDiagnosis;
}

/** One request. */
export interface RequestOptions<T> {
  method?: string;
  /** A path relative to the base URL, or an absolute URL. */
  path: string;
  /** Sent as JSON, unless it is a `FormData` or `Blob`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Parses the response body; without it the body is returned as `unknown`. */
  schema?: z.ZodMiniType<T>;
  signal?: AbortSignal;
  /** `false` turns retry off for this call (token requests). */
  retry?: boolean;
  /** Overrides the client's timeout. */
  timeoutMs?: number;
  /**
   * A response already on its way for this very request (core/early-apps.ts): taken in place of the
   * first attempt's fetch, for a GET of the same URL only, and processed like any other. If it
   * failed to arrive, the first attempt fetches as usual.
   */
  early?: { url: string; response: Promise<Response> };
}

/** A small JSON-over-fetch client. */
// The bearer header lives in bearer.ts, which the first module can import without this one.
import { bearer } from './bearer.ts';
export { bearer };

/** `options` with the bearer token added to its headers (over any `authorization` already there). */
export function withBearer<O extends { headers?: Record<string, string> }>(options: O, token: string): O {
  return { ...options, headers: { ...options.headers, ...bearer(token) } };
}

export interface HttpClient {
  readonly baseUrl: string;
  request<T = unknown>(options: RequestOptions<T>): Promise<T>;
  /** Absolute URL for a path. */
  url(path: string): string;
}

function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

/**
 * Creates an HTTP client.
 * @example
 * const http = createHttpClient({ baseUrl: 'https://api.rechat.com' });
 * const user = await http.request({ path: '/users/self', headers: bearer(t), schema: UserEnvelope });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl)) {
    throw new TypeError('"baseUrl" must be an http(s) URL');
  }
  const fetchImpl: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = options.clock ?? systemClock;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const defaultTimeout = options.timeoutMs ?? 15_000;
  const diagnose = options.diagnose ?? (options.fetch ? injectedFetchDiagnosis : platformDiagnosis());

  async function attempt<T>(request: RequestOptions<T>, method: string, url: string, early?: Promise<Response>): Promise<T> {
    // An extension without the host permission does not try its luck with CORS (network-diagnosis.ts).
    if (!(await mayReach(url))) throw new NetworkError(method, url, undefined, 'no-permission');
    const timeoutMs = request.timeoutMs ?? defaultTimeout;
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: BodyInit | undefined;
    if (request.body instanceof FormData || request.body instanceof Blob) body = request.body;
    else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    // The caller's abort is not held up by an early answer that is slow to come.
    request.signal?.throwIfAborted();
    const response = early && (await new Promise<Response | undefined>((resolve, reject) => {
      request.signal?.addEventListener('abort', () => reject(request.signal!.reason), { once: true });
      early.then(resolve, () => resolve(undefined));
    }));
    const sent = response
      ? { response, timedOut: () => false, release: () => undefined }
      : await sendRequest({ fetch: fetchImpl, method, url, headers, body, signal: request.signal, timeoutMs, diagnose });
    try {
      return await processResponse(sent.response, request.schema, method, url, clock.now());
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (sent.timedOut() && !(error instanceof HttpError) && !(error instanceof ValidationError)) {
        throw new TimeoutError(method, url, timeoutMs);
      }
      throw error;
    } finally {
      sent.release();
    }
  }

  async function request<T>(request: RequestOptions<T>): Promise<T> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = joinUrl(options.baseUrl, request.path);
    const retryable = request.retry !== false && policy.methods.includes(method);
    let early = method === 'GET' && request.early?.url === url ? request.early.response : undefined;
    for (let attemptNo = 0; ; attemptNo++) {
      try {
        return await attempt(request, method, url, early);
      } catch (error) {
        early = undefined; // used once: a retry asks again
        if (!retryable || attemptNo >= policy.limit) throw error;
        let delay: number;
        if (error instanceof HttpError && !(error instanceof OAuthError) && policy.statusCodes.includes(error.status)) {
          if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
          delay = error.retryAfterMs ?? policy.backoffMs(attemptNo + 1);
        } else if ((error instanceof NetworkError && !isPermanentNetworkFailure(error.reason)) || error instanceof TimeoutError) {
          delay = policy.backoffMs(attemptNo + 1);
        } else {
          throw error;
        }
        await clock.sleep(delay, request.signal);
      }
    }
  }

  return { baseUrl: options.baseUrl, request, url: (path) => joinUrl(options.baseUrl, path) };
}

/** One request for {@link sendRequest}: already serialised, with its own timeout. */
export interface SendOptions {
  fetch: Fetch;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
  timeoutMs: number;
  /** Names why the network failed (network-diagnosis.ts); without it a NetworkError has no reason. */
  diagnose?: NetworkDiagnosis;
}

/** A response on its way: its timeout runs until {@link release}, so it covers the body too. */
export interface SentRequest {
  response: Response;
  /** Whether the timeout fired (while the caller was reading the body). */
  timedOut(): boolean;
  /** Stops the timeout; call it once the body has been read. */
  release(): void;
}

/**
 * The request half of one call, as oauth4webapi keeps a request apart from the processing of its
 * response ({@link processResponse}): one fetch, never a cookie (`credentials: 'omit'`), under a
 * timeout, and a failure to get a response mapped to a typed error. Used by {@link createHttpClient}
 * and by the broker's token proxy, which reads Rechat's answer itself.
 * @throws {TimeoutError} when no response came within `timeoutMs`
 * @throws {NetworkError} when the fetch failed, with the diagnosed reason
 * @throws the caller's `signal.reason` when the caller aborted
 */
export async function sendRequest(options: SendOptions): Promise<SentRequest> {
  const { method, url, signal: callerSignal, timeoutMs } = options;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
  try {
    const response = await options.fetch(url, { method, headers: options.headers, body: options.body, signal, credentials: 'omit' });
    return { response, timedOut: () => timeout.signal.aborted, release: () => clearTimeout(timer) };
  } catch (cause) {
    clearTimeout(timer);
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (timeout.signal.aborted) throw new TimeoutError(method, url, timeoutMs);
    const reason = options.diagnose ? await options.diagnose(url, callerSignal).catch(() => undefined) : undefined;
    throw new NetworkError(method, url, cause, reason);
  }
}

/** Bodies of errors as Rechat and OAuth2 servers send them; any of the fields may be missing. */
interface ErrorBody {
  error?: unknown;
  error_description?: unknown;
  code?: unknown;
  message?: unknown;
  /** ASP.NET-style bodies, such as Xenioo's `{Message}`. */
  Message?: unknown;
}

/**
 * Turns a `Response` into parsed data, or a typed error. Exported for tests and for modules that
 * must read a response themselves.
 */
export async function processResponse<T>(
  response: Response,
  schema: z.ZodMiniType<T> | undefined,
  method: string,
  url: string,
  now: number,
): Promise<T> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    // The connection dropped while the body was read (fetch had already resolved with the headers).
    throw new NetworkError(method, url, cause);
  }
  if (!response.ok) {
    let body: ErrorBody = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as ErrorBody;
    } catch {
      // A proxy's HTML error page: the status alone tells what happened.
    }
    const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : undefined);
    if (typeof body.error === 'string') {
      throw new OAuthError(response.status, method, url, body.error.slice(0, 100), str(body.error_description));
    }
    const serverCode = str(body.code);
    const serverMessage = str(body.message) ?? str(body.Message);
    if (response.status === 401 && (serverCode === 'MFARequired' || /\bmfa required\b/i.test(serverMessage ?? ''))) {
      throw new MfaRequiredError(method, url);
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    throw new HttpError(response.status, method, url, serverCode, serverMessage, retryAfterMs);
  }
  if (response.status === 204 || text === '') {
    return schema ? parseWith(schema, undefined, `response of ${method} ${url}`) : (undefined as T);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ValidationError(`response of ${method} ${url}`, [{ path: '', message: 'the body is not valid JSON' }]);
  }
  return schema ? parseWith(schema, data, `response of ${method} ${url}`) : (data as T);
}
