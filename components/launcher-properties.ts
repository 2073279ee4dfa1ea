import { LitElement, type PropertyDeclarations } from 'lit';
// Types only: the client's code (session, HTTP, zod) is loaded lazily, after the first paint.
import type { LauncherClient } from '../core/launcher.ts';
import type { Persist } from '../core/storage.ts';

/**
 * The public properties of `<sso-launcher>` and their attributes: what a page sets, in one place.
 * The element (sso-launcher.component.ts) extends this with its behaviour.
 */
export class LauncherProperties extends LitElement {
  /**
   * The reactive properties, as a static table rather than decorators: the same accessors without the
   * decorator helpers in the first module (issue 15). Fields below keep their docs and defaults.
   */
  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base', reflect: true },
    clientId: { attribute: 'client-id', reflect: true },
    brand: { reflect: true },
    tokenEndpoint: { attribute: 'token-endpoint' },
    persist: {},
    embedding: { type: Boolean, reflect: true },
    broker: {},
    sessionMode: { attribute: 'session' },
    passwordSignIn: { attribute: 'password-sign-in' },
    rechatSignIn: { attribute: 'rechat-sign-in' },
    theme: { reflect: true },
    lang: { reflect: true },
    client: { attribute: false },
  };


  /** Rechat API base URL; a relative URL is resolved against the page. */
  apiBase = '';
  /** OAuth2 client id. */
  clientId = '';
  /** Brand whose apps are shown. */
  brand = '';
  /** Token endpoint, for a brokerage proxy that adds the client secret. Default `<api-base>/oauth2/token`. */
  tokenEndpoint = '';
  /** Where the session is kept: `local` (IndexedDB, default), `session` (this tab) or `none` (memory). */
  persist: Persist = 'local';
  /** Open chatbots inside the page, in a dialog, instead of in a new tab (asks Xenioo for `EnableEmbedding`). */
  embedding = false;
  /**
   * URL of the token broker. With it, the brand's Xenioo chatbots appear beside the apps. Point
   * `token-endpoint` at `<broker>/oauth2/token` to let the broker add the client secret.
   */
  broker = '';
  /**
   * Where the Rechat tokens live. `bearer` (default): in the page (see `persist`). `broker`: in the
   * broker, which keeps the session and forwards the API at `<broker>/api`; the page holds only an
   * HttpOnly cookie and no token at all. Needs `broker` (and `brand`); `api-base` and `client-id` are not used.
   */
  sessionMode: 'bearer' | 'broker' = 'bearer';
  /**
   * `off` hides the email and password form, leaving "Sign in with Rechat" (which needs `broker`):
   * recommended wherever the broker's callback is registered with Rechat. Default `on`.
   */
  passwordSignIn: 'on' | 'off' = 'on';
  /**
   * The "Sign in with Rechat" button: shown by default with `session="broker"` (the broker runs the
   * flow and keeps the session); `on` shows it in bearer mode too, for a host that runs the flow itself
   * on `sso-request-rechat-sign-in` (the extension); `off` hides it.
   */
  rechatSignIn: '' | 'on' | 'off' = '';
  /** `light`, `dark`, or `auto` (follow the system; default). */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /**
   * Language of the launcher's text (BCP 47); default the closest `lang` up the tree (through shadow
   * roots), else the page's `<html lang>`. Spanish (`es`) is built in, loaded on first use; add another
   * with `registerMessages`. An unknown language shows English.
   */
  override lang = '';
  /**
   * A ready-made client, used instead of one built from the attributes. For tests and for hosts
   * that share one client between several views (the extension's popup).
   */
  client?: LauncherClient;
}
