/**
 * Which screen `<sso-launcher>` shows, decided in this one place from the configuration, the session
 * and whether a grid is known; the element's render() switches on the answer.
 * @module
 */
import type { SessionState } from '../core/session.ts';

/**
 * `ready` with `locked` is the agent's grid, inert, under a sign-in or verification prompt: a session
 * that expired (or asks for MFA again) keeps the agent where they were.
 */
export type LauncherView =
  | { kind: 'unconfigured' }
  | { kind: 'starting' }
  | { kind: 'sign-in' }
  | { kind: 'mfa' }
  | { kind: 'ready'; locked?: 'sign-in' | 'mfa' };

/**
 * @param configMissing the attributes do not make a configuration
 * @param session the session's state; undefined before the snapshot or the client answered
 * @param hasApps a grid (cached or fetched) is there to show
 */
export function launcherView(configMissing: boolean, session: Pick<SessionState, 'status'> | undefined, hasApps: boolean): LauncherView {
  if (configMissing) return { kind: 'unconfigured' };
  if (!session) return { kind: 'starting' };
  if (session.status === 'signed-in') return { kind: 'ready' };
  const gate = session.status === 'mfa-required' ? 'mfa' : 'sign-in';
  return hasApps ? { kind: 'ready', locked: gate } : { kind: gate };
}
