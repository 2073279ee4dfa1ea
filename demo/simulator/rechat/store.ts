/**
 * The simulator's mutable Rechat state: users (with passwords and MFA secrets), brands, apps with their
 * icons, and issued tokens. Built from ../seed.ts, and rebuilt from it by `reset()`.
 * @module
 */
import {
  BRANDS,
  DEMO_PASSWORD,
  ISSUER_ID,
  REDIRECT_URIS,
  SEED_APPS,
  USERS,
  seedIconSvg,
  type BrandRole,
  type SeedBrand,
} from '../seed.ts';

export interface UserRecord {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  user_type: string;
  phone_number: string | null;
  timezone: string;
  created_at: number;
  updated_at: number;
  password: string;
  /** Base32 secret of the active MFA, null when MFA is off. */
  mfaSecret: string | null;
  /** Base32 secret handed out by `mfa/setup` and not verified yet (doc 001, "Verify MFA after setup"). */
  pendingMfaSecret: string | null;
  memberships: Array<{ brand: string; role: BrandRole }>;
}

/**
 * One access/refresh token pair. MFA validation belongs to the pair (doc 001: verify and validate "mark
 * the current access_token/refresh_token pair as MFA validated").
 */
export interface TokenPair {
  userId: string;
  clientId: string;
  mfaValidated: boolean;
}

export interface IssuedToken {
  pair: TokenPair;
  /** Epoch ms after which the token is rejected. */
  expiresAt: number;
}

export interface StoredIcon {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** File extension in the icon URL: png, jpg, svg or webp. */
  ext: string;
  /** Bumped on every upload so that the icon URL changes and caches never show the old image. */
  version: number;
}

/** An SSO application, with the fields of doc 000 that are stored (the rest are derived in views.ts). */
export interface AppRecord {
  id: string;
  created_at: number;
  updated_at: number;
  authentication_type: 'SAML' | 'None';
  url: string | null;
  acs_url: string | null;
  entity_id: string | null;
  start_url: string | null;
  signed: boolean | null;
  name: string;
  name_id: string | null;
  name_id_format: string | null;
  mappings: unknown;
  audience: string | null;
  destination: string | null;
  recipient: string | null;
  order: number;
  issuer: string;
  extra: unknown;
  /** Ids of the brands allowed to use the app. */
  brands: string[];
  icon: StoredIcon | null;
}

const encoder = new TextEncoder();

/** A random opaque token: 32 random bytes, base64url without padding. */
export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const byte of raw) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * An authorization code (RFC 6749 §4.1.2): single use, short-lived, bound to the client, the redirect
 * URI and the PKCE challenge of the request that produced it.
 */
export interface AuthCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  /** The S256 `code_challenge` sent with the authorization request, or null when none was. */
  codeChallenge: string | null;
  /** Epoch ms. */
  expiresAt: number;
}

export class RechatStore {
  readonly brands = new Map<string, SeedBrand>();
  readonly users = new Map<string, UserRecord>();
  readonly apps = new Map<string, AppRecord>();
  readonly accessTokens = new Map<string, IssuedToken>();
  readonly refreshTokens = new Map<string, IssuedToken>();
  /** Authorization codes not yet used (rechat/authorize.ts). */
  readonly authCodes = new Map<string, AuthCode>();
  /** Rechat's own browser sessions (its sign-in page's cookie) → user id. */
  readonly browserSessions = new Map<string, string>();
  /**
   * Registered redirect URIs by client id: the seed's, plus those registered since. Kept across
   * `reset()` on purpose: they are the client's configuration at Rechat (a demo server registers its
   * own callback once it knows its port), not state a test leaves behind.
   */
  readonly redirectUris = new Map<string, Set<string>>(Object.entries(REDIRECT_URIS).map(([client, uris]) => [client, new Set(uris)]));

  /**
   * open_url hashes: random, one per (app, user), so a user's open_url is stable across listings.
   * Kept across `reset()` on purpose: a link a client cached before a reset still lands, as long as the
   * app and the user's access to it still exist (checked when it is opened).
   */
  private readonly openLinks = new Map<string, { appId: string; userId: string }>();
  private readonly openLinkByPair = new Map<string, string>();
  /**
   * The last icon version handed out; seed icons have version 1. Never reset, so that an icon URL
   * never points at other bytes than it did before.
   */
  private iconVersion = 1;

  constructor() {
    this.reset();
  }

  /** Back to the seed: accounts, MFA, brands and apps as in seed.ts; no tokens. */
  reset(): void {
    this.brands.clear();
    for (const brand of BRANDS) this.brands.set(brand.id, brand);

    this.users.clear();
    for (const seed of Object.values(USERS)) {
      this.users.set(seed.id, {
        id: seed.id,
        email: seed.email,
        first_name: seed.first_name,
        last_name: seed.last_name,
        user_type: seed.user_type,
        phone_number: seed.phone_number,
        timezone: seed.timezone,
        created_at: seed.created_at,
        updated_at: seed.created_at,
        password: DEMO_PASSWORD,
        mfaSecret: seed.mfa_secret,
        pendingMfaSecret: null,
        memberships: seed.memberships.map((m) => ({ ...m })),
      });
    }

    this.apps.clear();
    for (const seed of SEED_APPS) {
      this.apps.set(seed.id, {
        id: seed.id,
        created_at: seed.created_at,
        updated_at: seed.created_at,
        authentication_type: seed.authentication_type,
        url: seed.url,
        acs_url: seed.acs_url,
        entity_id: seed.entity_id,
        start_url: null,
        signed: seed.authentication_type === 'SAML' ? true : null,
        name: seed.name,
        name_id: seed.authentication_type === 'SAML' ? 'email' : null,
        name_id_format: seed.authentication_type === 'SAML' ? 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' : null,
        mappings: null,
        audience: null,
        destination: null,
        recipient: null,
        order: seed.order,
        issuer: ISSUER_ID,
        extra: null,
        brands: [...seed.brands],
        // Seed icons keep version 1: their bytes never change.
        icon: seed.icon
          ? { bytes: encoder.encode(seedIconSvg(seed.icon)), contentType: 'image/svg+xml', ext: 'svg', version: 1 }
          : null,
      });
    }

    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.authCodes.clear();
    this.browserSessions.clear();
  }

  findUserByEmail(email: string): UserRecord | undefined {
    // Rechat matches usernames case-insensitively (an e-mail's domain is, and agents type it either way).
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  nextIconVersion(): number {
    this.iconVersion += 1;
    return this.iconVersion;
  }

  /** The open_url hash of (app, user), minted on first use. */
  openHash(appId: string, userId: string): string {
    const key = `${appId} ${userId}`;
    let hash = this.openLinkByPair.get(key);
    if (!hash) {
      hash = randomToken();
      this.openLinkByPair.set(key, hash);
      this.openLinks.set(hash, { appId, userId });
    }
    return hash;
  }

  /** Decodes an open_url hash; undefined when this simulator never minted it. */
  resolveOpenHash(hash: string): { appId: string; userId: string } | undefined {
    return this.openLinks.get(hash);
  }
}
