/**
 * Seed data of the local API simulator: the demo brokerage, its accounts and its apps.
 *
 * Everything here is exported as constants so that tests, the demo page and the README can name the
 * same accounts and ids. The simulator copies these into its mutable state on start and on `reset()`;
 * nothing here is ever mutated.
 *
 * Brand ids and the OAuth client id are the ones used in the vendor's examples
 * (Rechat API documentation, "Set Brands" and "Get Token"; docs/architecture.md, "Upstream contracts").
 * @module
 */
import { escapeHtml } from './pages.ts';

/** "Admin Brand Parent": the office. */
export const PARENT_BRAND_ID = 'd426039e-09ae-4119-ad6c-a94108977df7';
/** "Child Brand": a team inside the office. */
export const CHILD_BRAND_ID = '36bbee0b-37b1-4296-82b7-d9c61ad0a875';

export type BrandRole = 'Admin' | 'Agent';

export interface SeedBrand {
  readonly id: string;
  readonly name: string;
  readonly brand_type: string;
  readonly parent_id: string | null;
  /** Epoch seconds, like every Rechat timestamp. */
  readonly created_at: number;
}

/** The brand tree. Parents come before their children. */
export const BRANDS: readonly SeedBrand[] = [
  { id: PARENT_BRAND_ID, name: 'Admin Brand Parent', brand_type: 'Office', parent_id: null, created_at: 1769132601.522782 },
  { id: CHILD_BRAND_ID, name: 'Child Brand', brand_type: 'Team', parent_id: PARENT_BRAND_ID, created_at: 1769132601.728352 },
];

/** The OAuth2 client id of the vendor's example. */
export const CLIENT_ID = 'bf0da47e-7226-11e4-905b-0024d71b10fc';
/** Only checked when the simulator runs with `requireClientSecret` (as a brokerage's token proxy would). */
export const CLIENT_SECRET = 'demo-client-secret';
/**
 * Redirect URIs registered per OAuth client, matched exactly at `GET /oauth2/auth` (RFC 9700 §4.1.3):
 * the demo broker's callback on the demo server's default port. A test server on another port, or an
 * extension (whose redirect URL names its id), registers its own with `POST /__sim/redirect-uris`, as
 * a brokerage registers its URLs with Rechat.
 */
export const REDIRECT_URIS: Readonly<Record<string, readonly string[]>> = {
  [CLIENT_ID]: ['http://127.0.0.1:5173/broker/callback', 'http://localhost:5173/broker/callback'],
};
/** The password of every demo account. */
export const DEMO_PASSWORD = 'demo-password';
/**
 * The TOTP secret of the MFA demo account (SHA1, 6 digits, 30 s): add it to any authenticator app, or
 * compute codes with `otpauth`. It is public on purpose: this is a demo account of a local simulator.
 */
export const MFA_SECRET = 'JBSWY3DPEHPK3PXP';

export interface SeedUser {
  readonly id: string;
  readonly email: string;
  readonly first_name: string;
  readonly last_name: string;
  /** Rechat's account type, as in the doc's user object. */
  readonly user_type: 'Agent' | 'Admin';
  readonly phone_number: string | null;
  readonly timezone: string;
  readonly created_at: number;
  /** Base32 TOTP secret when MFA is on, else null. */
  readonly mfa_secret: string | null;
  /** Direct memberships. Membership of a brand extends to its descendants (see rechat/access.ts). */
  readonly memberships: ReadonlyArray<{ readonly brand: string; readonly role: BrandRole }>;
}

export const USERS = {
  /** An agent of the team, without MFA. */
  agent: {
    id: '6f1b2a52-4c1e-4f3a-9a51-0d6c2f1e7a01',
    email: 'agent@example.com',
    first_name: 'Alex',
    last_name: 'Agent',
    user_type: 'Agent',
    phone_number: '+15125550101',
    timezone: 'America/Chicago',
    created_at: 1769132601.901234,
    mfa_secret: null,
    memberships: [{ brand: CHILD_BRAND_ID, role: 'Agent' }],
  },
  /** An agent of the team with MFA turned on (secret {@link MFA_SECRET}). */
  mfaAgent: {
    id: '9d3c7e10-8b2f-4a6d-b4e3-5a7f0c9d2b02',
    email: 'mfa.agent@example.com',
    first_name: 'Morgan',
    last_name: 'Factor',
    user_type: 'Agent',
    phone_number: '+15125550102',
    timezone: 'America/New_York',
    created_at: 1769132601.912345,
    mfa_secret: MFA_SECRET,
    memberships: [{ brand: CHILD_BRAND_ID, role: 'Agent' }],
  },
  /** The office's admin: manages the apps of the office and, through it, of the team. */
  admin: {
    id: 'c2e8f4a6-1d5b-4c7e-8f90-3b6a1e2d4c03',
    email: 'admin@example.com',
    first_name: 'Avery',
    last_name: 'Admin',
    user_type: 'Admin',
    phone_number: null,
    timezone: 'America/Los_Angeles',
    created_at: 1769132601.923456,
    mfa_secret: null,
    memberships: [{ brand: PARENT_BRAND_ID, role: 'Admin' }],
  },
} as const satisfies Record<string, SeedUser>;

/**
 * The `issuer` of every app (the doc shows a UUID there: the identity provider's id for SAML).
 * The simulator sets it; clients cannot.
 */
export const ISSUER_ID = '903a0638-c6ea-4997-8bad-3cc1fe394c76';

/** A seed icon: drawn as a rounded square of `color` with `label` in white. */
export interface SeedIcon {
  readonly color: string;
  readonly label: string;
}

export interface SeedApp {
  readonly id: string;
  readonly name: string;
  readonly authentication_type: 'SAML' | 'None';
  readonly url: string | null;
  readonly acs_url: string | null;
  readonly entity_id: string | null;
  readonly order: number;
  readonly brands: readonly string[];
  readonly icon: SeedIcon | null;
  readonly created_at: number;
}

const BOTH = [PARENT_BRAND_ID, CHILD_BRAND_ID] as const;
const PARENT_ONLY = [PARENT_BRAND_ID] as const;

/** A SAML app's placeholder endpoints (SAML apps never leave the simulator: open_url lands on its own page). */
function saml(host: string): Pick<SeedApp, 'authentication_type' | 'url' | 'acs_url' | 'entity_id'> {
  return { authentication_type: 'SAML', url: null, acs_url: `https://${host}/saml/acs`, entity_id: `https://${host}/saml/metadata` };
}
function link(url: string): Pick<SeedApp, 'authentication_type' | 'url' | 'acs_url' | 'entity_id'> {
  return { authentication_type: 'None', url, acs_url: null, entity_id: null };
}

/**
 * The brokerage's apps. Listed in creation order, which is neither by `order` nor by name, so that a
 * client that forgets to sort by `order` shows it. Three are for the office only (`PARENT_ONLY`): an
 * agent of the team never sees them; the admin, on the office brand, does. Four have no icon.
 */
export const SEED_APPS: readonly SeedApp[] = [
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000001', name: 'Zillow Premier Agent', ...saml('premieragent.zillow.example'), order: 6, brands: BOTH, icon: { color: '#006aff', label: 'Z' }, created_at: 1769132602.101 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000002', name: 'Rechat CRM', ...link('https://app.rechat.com/'), order: 0, brands: BOTH, icon: { color: '#1b1d2a', label: 'R' }, created_at: 1769132602.102 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000003', name: 'DocuSign', ...saml('account.docusign.example'), order: 2, brands: BOTH, icon: { color: '#d5a021', label: 'DS' }, created_at: 1769132602.103 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000004', name: 'MLS Matrix', ...saml('matrix.mls.example'), order: 1, brands: BOTH, icon: { color: '#2e7d32', label: 'MLS' }, created_at: 1769132602.104 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000005', name: 'Lone Wolf Back Office', ...saml('backoffice.lwolf.example'), order: 9, brands: PARENT_ONLY, icon: null, created_at: 1769132602.105 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000006', name: 'Dotloop', ...saml('www.dotloop.example'), order: 3, brands: BOTH, icon: { color: '#0a85d1', label: 'dl' }, created_at: 1769132602.106 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000007', name: 'Google Workspace', ...link('https://workspace.google.com/'), order: 4, brands: BOTH, icon: { color: '#4285f4', label: 'G' }, created_at: 1769132602.107 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000008', name: 'SkySlope', ...saml('app.skyslope.example'), order: 8, brands: PARENT_ONLY, icon: { color: '#00a3e0', label: 'SS' }, created_at: 1769132602.108 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-000000000009', name: 'ShowingTime', ...saml('schedulingsso.showingtime.example'), order: 5, brands: BOTH, icon: null, created_at: 1769132602.109 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-00000000000a', name: 'Canva', ...link('https://www.canva.com/'), order: 7, brands: BOTH, icon: null, created_at: 1769132602.11 },
  { id: '0a4f6c1e-2b3d-4e5f-8a9b-00000000000b', name: 'Follow Up Boss', ...link('https://app.followupboss.com/'), order: 10, brands: PARENT_ONLY, icon: null, created_at: 1769132602.111 },
];

/** Draws a seed icon: a plain SVG without scripts, fonts or external references. */
export function seedIconSvg(icon: SeedIcon): string {
  const label = escapeHtml(icon.label);
  const size = icon.label.length > 2 ? 20 : icon.label.length === 2 ? 26 : 34;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">' +
    `<rect width="64" height="64" rx="14" fill="${escapeHtml(icon.color)}"/>` +
    `<text x="32" y="${32 + size * 0.36}" text-anchor="middle" font-family="system-ui, sans-serif" ` +
    `font-size="${size}" font-weight="700" fill="#fff">${label}</text></svg>`
  );
}
