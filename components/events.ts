/**
 * The element's events: prefixed `sso-`, typed, bubbling and composed (they cross the shadow root),
 * emitted from one helper. `sso-request-launch` is cancelable: the host page may veto a launch or
 * handle it itself (the extension opens tabs through the tabs API this way).
 * @module
 */
import type { SsoApp, User } from '../core/index.ts';
import type { Chatbot } from '../core/xenioo.ts';

/** What is launched: an SSO app, or a Xenioo chatbot (optionally one of its sections). */
export type LaunchTarget =
  | { app: SsoApp; chatbot?: undefined; section?: undefined }
  | { chatbot: Chatbot; section?: string | undefined; app?: undefined };

/** `detail` of each event. */
export interface SsoEventDetails {
  /**
   * Before a launch; cancel it with `preventDefault()` to veto or handle the launch yourself.
   * `url` is undefined for a chatbot whose token is not there yet (the launcher fetches it from the broker).
   */
  'sso-request-launch': LaunchTarget & { url: string | undefined; source: 'click' | 'keyboard' };
  /**
   * Before "Sign in with Rechat" opens the broker's sign-in. Cancelable: a host that runs the flow
   * itself (the extension, with `identity.launchWebAuthFlow`) calls `preventDefault()`.
   */
  'sso-request-rechat-sign-in': Record<string, never>;
  /** After a launch was handed to the browser (or the embedding dialog). */
  'sso-launch': LaunchTarget & { url: string };
  /** The agent signed in (or MFA was validated). */
  'sso-sign-in': { user: User | undefined };
  /** The agent signed out, or the session expired (`reason: 'expired'`). */
  'sso-sign-out': { reason: 'signed-out' | 'expired' };
  /** An error was shown to the agent. `message` is the text shown; `error` the typed error. */
  'sso-error': { error: unknown; message: string };
  /** The admin tools changed the brand's apps, so the launcher can refresh its grid. */
  'sso-apps-changed': SsoAppsChangedDetail;
  /** The admin tools changed a Mosaic SSO clients group. */
  'sso-groups-changed': SsoGroupsChangedDetail;
}

/** `detail` of `sso-apps-changed` (from `<sso-launcher-admin>`). */
export interface SsoAppsChangedDetail {
  reason: 'created' | 'updated' | 'deleted' | 'reordered';
  /** The app concerned; absent for a reorder. */
  appId?: string;
}

/** `detail` of `sso-groups-changed` (from `<sso-launcher-admin>`). */
export interface SsoGroupsChangedDetail {
  reason: 'created' | 'updated' | 'deleted';
  groupId?: string;
}

export type SsoEventName = keyof SsoEventDetails;

declare global {
  interface GlobalEventHandlersEventMap {
    'sso-request-launch': CustomEvent<SsoEventDetails['sso-request-launch']>;
    'sso-launch': CustomEvent<SsoEventDetails['sso-launch']>;
    'sso-request-rechat-sign-in': CustomEvent<SsoEventDetails['sso-request-rechat-sign-in']>;
    'sso-sign-in': CustomEvent<SsoEventDetails['sso-sign-in']>;
    'sso-sign-out': CustomEvent<SsoEventDetails['sso-sign-out']>;
    'sso-error': CustomEvent<SsoEventDetails['sso-error']>;
    'sso-apps-changed': CustomEvent<SsoEventDetails['sso-apps-changed']>;
    'sso-groups-changed': CustomEvent<SsoEventDetails['sso-groups-changed']>;
  }
}

/** Dispatches an `sso-*` event from `target`; returns false when a cancelable one was cancelled. */
export function emit<K extends SsoEventName>(target: EventTarget, name: K, detail: SsoEventDetails[K]): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: name.startsWith('sso-request-') }),
  );
}
