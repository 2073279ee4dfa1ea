import type { ErrorContext } from './describe-error.ts';
import { emit } from './events.ts';
import type { Messages } from './messages.ts';

/**
 * Words an error for the agent and tells the host through `sso-error`; answers the message for the
 * element to show. The wording is a lazy chunk: no error is shown on the way to a first paint. When
 * that chunk itself cannot be loaded, the network is what failed (as describeError says of a lazy
 * chunk that could not be loaded).
 */
export async function reportError(host: HTMLElement, error: unknown, context: ErrorContext, m: Messages): Promise<string> {
  const message = await import('./describe-error.ts').then(
    ({ describeError }) => describeError(error, context, m),
    () => (globalThis.navigator?.onLine === false ? m.offline : m.unknownError),
  );
  emit(host, 'sso-error', { error, message });
  return message;
}
