/** Small assertion helpers shared by the core's tests. */

/** Awaits a promise that must reject, and returns what it rejected with; fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Whether a promise is still pending after the event loop has had a few turns to settle it.
 * Never settles the promise itself, and swallows nothing: the caller still awaits it.
 */
export async function isPending(promise: Promise<unknown>, turns = 20): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return !settled;
}

/**
 * Calls `fn`, which must throw, and returns what it threw; fails if it returns. The synchronous twin
 * of {@link rejection}, for checks that read the thrown error's fields (chai's `to.throw` only matches
 * the class and the message).
 */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the function to throw, but it returned');
}
