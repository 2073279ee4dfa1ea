/**
 * The MFA gate that both sessions (core/session.ts with bearer tokens, core/broker-session.ts with the
 * broker's) put in front of their API calls. Rechat answers every call made with a token that is not
 * MFA-validated with "401 MFA required", so while the state is `mfa-required` the calls wait here
 * instead; validating the code opens the gate and they go on, ending the session fails them.
 * @module
 */
import type { SessionState } from './session.ts';

export class MfaGate {
  #waiting: { promise: Promise<void>; resolve(): void; reject(error: unknown): void } | undefined;

  /**
   * Follows the session's new state: closes while MFA is required. Leaving `mfa-required` any way
   * (validated, reloaded after another context validated, a new sign-in) opens it; the answer opens
   * it, to be called once the state change has been announced, so waiting calls see the new state.
   */
  follow(status: SessionState['status']): () => void {
    if (status === 'mfa-required') {
      if (!this.#waiting) {
        let resolve!: () => void;
        let reject!: (error: unknown) => void;
        const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
        promise.catch(() => undefined); // a gate nobody waits on must not be an unhandled rejection
        this.#waiting = { promise, resolve, reject };
      }
      return () => undefined;
    }
    const opened = this.#waiting;
    this.#waiting = undefined;
    return () => opened?.resolve();
  }

  /** Whether calls wait (the state is `mfa-required`). */
  get closed(): boolean {
    return this.#waiting !== undefined;
  }

  /**
   * Fails the waiting calls with `error` and drops the gate: the session ended, or another agent
   * signed in (their calls must never go on with someone else's token).
   */
  fail(error: unknown): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(error);
  }

  /** Waits until the gate opens or fails; at once when it is open. */
  async wait(signal?: AbortSignal): Promise<void> {
    const waiting = this.#waiting?.promise;
    if (!waiting) return;
    if (!signal) return waiting;
    signal.throwIfAborted();
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([waiting, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
