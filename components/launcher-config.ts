/**
 * `<sso-launcher>`'s attributes turned into the client's configuration, and the rules that depend only
 * on the attributes (which sign-in buttons show). Kept apart from the element so each reads alone.
 * @module
 */
import type { LauncherConfig } from '../core/launcher.ts';
import type { Persist } from '../core/storage.ts';
import { normaliseUrl } from '../core/urls.ts';

/** The attributes the configuration is built from. */
export interface LauncherAttributes {
  apiBase: string;
  clientId: string;
  brand: string;
  tokenEndpoint: string;
  persist: Persist;
  sessionMode: 'bearer' | 'broker';
  broker: string;
  passwordSignIn: 'on' | 'off';
  rechatSignIn: '' | 'on' | 'off';
}

/** An absolute URL without trailing slashes; a relative one is resolved against the page. Throws on junk. */
export function resolveUrl(url: string): string {
  return normaliseUrl(url, document.baseURI);
}

function persistOf(a: LauncherAttributes): Persist {
  return (['local', 'session', 'none'] as const).includes(a.persist) ? a.persist : 'local';
}

/** The configuration from the attributes, or undefined when one is missing or invalid. */
export function launcherConfig(a: LauncherAttributes): LauncherConfig | undefined {
  if (a.sessionMode === 'broker') return brokerConfig(a);
  if (!a.apiBase || !a.clientId || !a.brand) return undefined;
  try {
    return {
      apiBase: resolveUrl(a.apiBase),
      clientId: a.clientId,
      brand: a.brand,
      tokenEndpoint: a.tokenEndpoint ? resolveUrl(a.tokenEndpoint) : undefined,
      persist: persistOf(a),
    };
  } catch {
    return undefined;
  }
}

/** Broker sessions: the API is the broker's allow-listed proxy, the tokens stay in the broker. */
function brokerConfig(a: LauncherAttributes): LauncherConfig | undefined {
  if (!a.broker || !a.brand) return undefined;
  try {
    const broker = resolveUrl(a.broker);
    return {
      apiBase: `${broker}/api`,
      clientId: a.clientId || 'broker-session',
      brand: a.brand,
      persist: persistOf(a),
      session: 'broker',
      broker,
    };
  } catch {
    return undefined;
  }
}

/** The key the element compares configurations by, to start again only when one changes. */
export const configKey = (config: unknown) => JSON.stringify(config ?? null);
