/**
 * A hand-written `fetch` for tests of the HTTP layer: answers come from a queue (or a function), every
 * call is recorded, and nothing ever reaches the network. An unexpected call fails the test loudly.
 */
import type { Fetch } from '../../core/deps.ts';

/** One recorded call, with the body read as text (or kept as FormData/Blob). */
export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
  credentials: RequestCredentials | undefined;
  signal: AbortSignal | undefined;
}

/** What the stub answers for one call: a Response, an error to reject with, or a function of the call. */
export type StubAnswer = Response | Error | ((call: RecordedCall) => Response | Error | Promise<Response>);

export interface FetchStub {
  fetch: Fetch;
  calls: RecordedCall[];
  /** Queues answers, used in order. */
  answer(...answers: StubAnswer[]): FetchStub;
}

/** A fetch stub; each call takes the next queued answer, and a call with none left rejects. */
export function fetchStub(...initial: StubAnswer[]): FetchStub {
  const queue: StubAnswer[] = [...initial];
  const calls: RecordedCall[] = [];
  const stub: FetchStub = {
    calls,
    answer(...answers) {
      queue.push(...answers);
      return stub;
    },
    fetch: async (input, init = {}) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const call: RecordedCall = {
        url: String(input instanceof Request ? input.url : input),
        method: init.method ?? 'GET',
        headers,
        body: init.body,
        credentials: init.credentials,
        signal: init.signal ?? undefined,
      };
      calls.push(call);
      const next = queue.shift();
      if (next === undefined) throw new Error(`fetchStub: unexpected call ${call.method} ${call.url}`);
      const answer = typeof next === 'function' ? await next(call) : next;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return stub;
}

/** A JSON response. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** An answer that never comes, except as a rejection with the signal's reason when the request is aborted (as real fetch does). */
export function hang(call: RecordedCall): Promise<Response> {
  return new Promise((_, reject) => {
    const signal = call.signal;
    if (!signal) return;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
