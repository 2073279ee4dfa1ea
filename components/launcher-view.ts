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

const SIGN_IN_FOCUS = ['input[name="email"]', 'button.rechat'] as const;
const MFA_FOCUS = ['input[name="code"]'] as const;
// The grid: the search box, or "Try again" when the apps could not be loaded and nothing is cached.
const GRID_FOCUS = ['input[name="search"]', '.alert button'] as const;

/**
 * Where focus belongs in a view, as selectors tried in order: the first field the agent needs (the
 * same array for the same place, so a change of array is a change of place). None while starting or
 * unconfigured, so never on the first paint of a page.
 */
export function focusTarget(view: LauncherView): readonly string[] | undefined {
  if (view.kind === 'unconfigured' || view.kind === 'starting') return undefined;
  const gate = view.kind === 'ready' ? view.locked : view.kind;
  return gate === 'sign-in' ? SIGN_IN_FOCUS : gate === 'mfa' ? MFA_FOCUS : GRID_FOCUS;
}
