/**
 * The JSON shapes the simulator sends: users as in doc 001 ("Get Token", `data`), brands and apps as in
 * doc 000 ("Create an app", "Set Brands that are allowed to use this app").
 * @module
 */
import type { SeedBrand } from '../seed.ts';
import type { AppRecord, RechatStore, UserRecord } from './store.ts';

/** "2:25 PM - Tuesday Oct 14, 2025", in the user's time zone, like the doc's `current_time`. */
function currentTime(nowMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
      weekday: 'long',
      month: 'short',
      day: 'numeric',
      year: 'numeric',
    })
      .formatToParts(new Date(nowMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.dayPeriod} - ${parts.weekday} ${parts.month} ${parts.day}, ${parts.year}`;
}

/** A user, with every field of the doc's example (unknown ones as the doc's nulls/defaults). */
export function userView(user: UserRecord, nowMs: number): Record<string, unknown> {
  return {
    type: 'user',
    username: null,
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    phone_number: user.phone_number,
    created_at: user.created_at,
    id: user.id,
    address_id: null,
    cover_image_url: null,
    profile_image_url: null,
    updated_at: user.updated_at,
    user_status: 'Active',
    profile_image_thumbnail_url: null,
    cover_image_thumbnail_url: null,
    email_confirmed: true,
    timezone: user.timezone,
    user_type: user.user_type,
    deleted_at: null,
    phone_confirmed: user.phone_number !== null,
    is_shadow: false,
    personal_room: null,
    brand: null,
    fake_email: false,
    features: ['Deals'],
    last_seen_at: null,
    email_signature: null,
    daily_enabled: false,
    email_quota: 30000,
    website: null,
    instagram: null,
    twitter: null,
    linkedin: null,
    youtube: null,
    facebook: null,
    designation: null,
    tiktok: null,
    mfa_enabled: user.mfaSecret !== null,
    xpressdocs_user_id: null,
    current_time: currentTime(nowMs, user.timezone),
    push_allowed: true,
    agents: null,
    last_seen_type: null,
    active_brand: null,
    display_name: `${user.first_name} ${user.last_name}`,
    abbreviated_display_name: user.first_name,
    online_state: 'Online',
    has_password: true,
  };
}

/** A brand with its `parent` expanded recursively and `parents` (ancestor ids, or null at the root). */
export function brandView(store: RechatStore, brand: SeedBrand): Record<string, unknown> {
  const parent = brand.parent_id ? store.brands.get(brand.parent_id) : undefined;
  const parents: string[] = [];
  for (let p = parent; p; p = p.parent_id ? store.brands.get(p.parent_id) : undefined) parents.push(p.id);
  let memberCount = 0;
  for (const user of store.users.values()) if (user.memberships.some((m) => m.brand === brand.id)) memberCount++;
  return {
    id: brand.id,
    created_at: brand.created_at,
    updated_at: brand.created_at,
    palette: null,
    assets: null,
    messages: null,
    parent: parent ? brandView(store, parent) : null,
    name: brand.name,
    deleted_at: null,
    training: false,
    brand_type: brand.brand_type,
    parents: parents.length ? parents : null,
    type: 'brand',
    hostnames: null,
    member_count: memberCount,
    base_url: null,
  };
}

export interface AppViewContext {
  store: RechatStore;
  /** Origin + basePath of the request, e.g. "http://localhost:8000/api": absolute URLs start with it. */
  base: string;
  /** The user the open_url signs in. */
  user: UserRecord;
  /** Brands as ids (listing, create, update) or as brand objects (set brands), as in doc 000. */
  expandBrands?: boolean;
}

/** An SSO application as in doc 000, plus `icon` (our assumption: the doc does not show the field). */
export function appView(app: AppRecord, ctx: AppViewContext): Record<string, unknown> {
  const brands = ctx.expandBrands
    ? app.brands.flatMap((id) => {
        const brand = ctx.store.brands.get(id);
        return brand ? [brandView(ctx.store, brand)] : [];
      })
    : [...app.brands];
  return {
    id: app.id,
    created_at: app.created_at,
    updated_at: app.updated_at,
    deleted_at: null,
    authentication_type: app.authentication_type,
    url: app.url,
    acs_url: app.acs_url,
    entity_id: app.entity_id,
    start_url: app.start_url,
    signed: app.signed,
    name: app.name,
    name_id: app.name_id,
    name_id_format: app.name_id_format,
    mappings: app.mappings,
    audience: app.audience,
    destination: app.destination,
    recipient: app.recipient,
    order: app.order,
    issuer: app.issuer,
    extra: app.extra,
    type: 'sso_application',
    brands,
    // User-specific: opening it signs *this* user in (doc 000, "SSO": open a new browser to open_url).
    open_url: `${ctx.base}/sso_applications/open?hash=${encodeURIComponent(ctx.store.openHash(app.id, ctx.user.id))}`,
    icon: app.icon ? iconUrl(ctx.base, app.id, app.icon.ext, app.icon.version) : null,
  };
}

export function iconUrl(base: string, appId: string, ext: string, version: number): string {
  return `${base}/sso_applications/${encodeURIComponent(appId)}/icon.${ext}?v=${version}`;
}
