/**
 * Where focus belongs in each of `<sso-launcher>`'s views (launcher-view.ts), for the focus follower
 * that the sign-in forms bring (focus-follower.ts, sign-in-controller.ts): not in the first module,
 * since focus never moves on a first paint.
 * @module
 */
import type { LauncherView } from './launcher-view.ts';

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
