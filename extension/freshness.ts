/**
 * What the background does to keep the popup instant: refresh the session ahead of expiry, and
 * prefetch the app list so the cache is warm. Pure logic over a {@link LauncherClient}; the
 * background turns the answer into an alarm.
 * @module
 */
import { isSsoError, ErrorCode } from '../core/errors.ts';
import type { LauncherClient } from '../core/launcher.ts';
import { REFRESH_AHEAD_MS } from '../core/session.ts';

/** Chrome fires alarms no sooner than 30 s from now (Chrome 120+). */
export const MIN_ALARM_DELAY_MS = 30_000;
/**
 * The core refreshes a pair {@link REFRESH_AHEAD_MS} before it expires; wake up three quarters of the
 * way into that window (45 s before expiry for the core's 60 s), so the pair is due when the alarm fires.
 */
export const REFRESH_LEAD_MS = (REFRESH_AHEAD_MS * 3) / 4;
/** After a network failure, try again this soon. */
export const RETRY_DELAY_MS = 60_000;

/** When to wake up next to refresh a pair that expires at `expiresAt` (epoch ms). */
export function nextRefreshAt(expiresAt: number, now: number): number {
  return Math.max(now + MIN_ALARM_DELAY_MS, expiresAt - REFRESH_LEAD_MS);
}

/** What {@link keepFresh} did. */
export interface FreshnessResult {
  status: LauncherClient['session']['state']['status'];
  /** Epoch ms of the next refresh alarm; undefined when there is nothing to refresh (signed out). */
  nextAt?: number;
  /** Apps now in the cache, when prefetched. */
  prefetched?: number;
  /** The failure that was kept quiet (offline, 5xx), if any. */
  error?: unknown;
}

/**
 * Reads the session again (a page may have signed in or out), refreshes it when due (under the core's
 * Web Lock, so never at the same time as a page), and optionally prefetches the app list.
 * Never throws: a network failure keeps the session and asks to be retried soon.
 */
export async function keepFresh(client: LauncherClient, options: { prefetch: boolean; now: () => number }): Promise<FreshnessResult> {
  const { session } = client;
  let error: unknown;
  let prefetched: number | undefined;
  try {
    await session.reload();
    await session.ensureFresh();
    if (options.prefetch && session.state.status === 'signed-in') prefetched = (await client.refreshApps()).length;
  } catch (caught) {
    error = caught;
  }
  const status = session.state.status;
  const expiresAt = session.expiresAt;
  const failure = error !== undefined ? { error } : {};
  if (status === 'signed-out' || expiresAt === undefined) return { status, ...failure };
  // A session that just expired is over (the core signed it out); anything else is worth a retry.
  const failed = error !== undefined && !isSsoError(error, ErrorCode.SessionExpired);
  const nextAt = failed ? options.now() + RETRY_DELAY_MS : nextRefreshAt(expiresAt, options.now());
  return { status, nextAt, ...(prefetched !== undefined ? { prefetched } : {}), ...failure };
}
