/**
 * Rechat SSO applications of a brand: list, create, update, set brands, set icon, delete.
 * To launch an app, open its `open_url` in a new tab.
 * @see docs/architecture.md, "Rechat SSO applications" (Rechat's API documentation, "SSO")
 * @module
 */
import * as z from 'zod/mini';
import type { AuthorizedApi } from '../session.ts';
import { SsoAppListSchema, SsoAppSchema, envelope, type SsoApp } from './schemas.ts';
import { ValidationError } from '../errors.ts';
import { appsPath } from './app-paths.ts';
import type { EarlyRequest } from '../early-apps.ts';

/** The fields an admin sets when creating or editing an app. */
export interface SsoAppInput {
  name: string;
  authentication_type: 'SAML' | 'None';
  url?: string | null;
  acs_url?: string | null;
  entity_id?: string | null;
  order?: number;
  brands?: string[];
  [extra: string]: unknown;
}

const AppEnvelope = envelope(SsoAppSchema);
const appPath = (brand: string, id: string) => `${appsPath(brand)}/${encodeURIComponent(id)}`;

function checkId(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !value) throw new TypeError(`"${name}" must be a non-empty string`);
}

/** Sorts apps by `order`, then by name (locale-aware), without changing the input. */
export function sortApps<T extends Pick<SsoApp, 'order' | 'name'>>(apps: readonly T[]): T[] {
  return [...apps].sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name));
}

/**
 * Lists the brand's apps, sorted by `order` then name. `early` is this request already sent from the
 * stored session (core/early-apps.ts): the session takes its answer in place of a first fetch.
 */
export async function listApps(api: AuthorizedApi, brand: string, options: { signal?: AbortSignal; early?: EarlyRequest } = {}): Promise<SsoApp[]> {
  checkId('brand', brand);
  const response = await api.request({ path: appsPath(brand), schema: SsoAppListSchema, signal: options.signal, early: options.early });
  return sortApps(response.data);
}

/** Creates an app (brand admins only; others get a 403 {@link HttpError}). */
export async function createApp(api: AuthorizedApi, brand: string, input: SsoAppInput): Promise<SsoApp> {
  checkId('brand', brand);
  const response = await api.request({ method: 'POST', path: appsPath(brand), body: input, schema: AppEnvelope });
  return response.data;
}

/** Updates an app. The vendor doc has `id` both in the path and in the body. */
export async function updateApp(api: AuthorizedApi, brand: string, id: string, input: SsoAppInput): Promise<SsoApp> {
  checkId('brand', brand);
  checkId('id', id);
  const response = await api.request({ method: 'PUT', path: appPath(brand, id), body: { ...input, id }, schema: AppEnvelope });
  return response.data;
}

/** Sets the brands allowed to use an app. */
export async function setAppBrands(api: AuthorizedApi, brand: string, id: string, brands: string[]): Promise<SsoApp> {
  checkId('brand', brand);
  checkId('id', id);
  if (!Array.isArray(brands) || brands.some((b) => typeof b !== 'string' || !b)) throw new TypeError('"brands" must be an array of brand ids');
  const response = await api.request({ method: 'PUT', path: `${appPath(brand, id)}/brands`, body: { brands }, schema: AppEnvelope });
  return response.data;
}

/** Image types accepted as icons, and the largest size. */
export const ICON_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'] as const;
export const ICON_MAX_BYTES = 512 * 1024;

/** Checks an icon before upload; throws a {@link ValidationError} naming what is wrong. */
export function checkIcon(file: Blob): void {
  if (!(ICON_TYPES as readonly string[]).includes(file.type)) {
    throw new ValidationError('icon', [{ path: 'icon', message: 'use a PNG, JPEG, SVG or WebP image' }]);
  }
  if (file.size > ICON_MAX_BYTES) {
    throw new ValidationError('icon', [{ path: 'icon', message: `the image must be at most ${ICON_MAX_BYTES / 1024} KB` }]);
  }
}

/** Uploads an app's icon as `multipart/form-data`, field `icon`. */
export async function setAppIcon(api: AuthorizedApi, brand: string, id: string, file: Blob, filename = 'icon'): Promise<SsoApp> {
  checkId('brand', brand);
  checkId('id', id);
  checkIcon(file);
  const form = new FormData();
  form.append('icon', file, filename);
  const response = await api.request({ method: 'PUT', path: `${appPath(brand, id)}/icon`, body: form, schema: AppEnvelope });
  return response.data;
}

/** Deletes an app. */
export async function deleteApp(api: AuthorizedApi, brand: string, id: string): Promise<void> {
  checkId('brand', brand);
  checkId('id', id);
  await api.request({ method: 'DELETE', path: appPath(brand, id) });
}

// ---- The admin's side: the list as edited, the body of an edit, the plan of a reorder ----------------

/**
 * An app as an admin lists it, with every field the server sent ({@link SsoAppSchema} drops unknown
 * ones). An edit sends them back, as the vendor's "Update an app" example does, so fields the admin
 * tools do not show (SAML `name_id`, `mappings`, …) are kept rather than nulled.
 */
export const AdminAppSchema = z.looseObject(SsoAppSchema.def.shape);
export type AdminApp = z.infer<typeof AdminAppSchema>;
const AdminAppListSchema = z.object({ data: z.array(AdminAppSchema) });

/** Lists the brand's apps for editing, every field kept, sorted as agents see them ({@link sortApps}). */
export async function listAdminApps(api: AuthorizedApi, brand: string, options: { signal?: AbortSignal } = {}): Promise<AdminApp[]> {
  checkId('brand', brand);
  const response = await api.request({ path: appsPath(brand), schema: AdminAppListSchema, signal: options.signal });
  return sortApps(response.data);
}

/**
 * Fields the server owns, never sent back in an update: ids and timestamps, the brands and the icon
 * (each set through its own endpoint), and what the server derives (`open_url`, `type`, `issuer`).
 */
export const APP_SERVER_FIELDS = ['id', 'brands', 'icon', 'open_url', 'created_at', 'updated_at', 'deleted_at', 'type', 'issuer'] as const;

/**
 * The body of an update: the app as listed, minus {@link APP_SERVER_FIELDS}, with `changes` on top.
 * @example
 * await updateApp(api, brand, app.id, appUpdateBody(app, { order: 3 }));
 */
export function appUpdateBody(app: Readonly<AdminApp>, changes: Partial<SsoAppInput>): SsoAppInput {
  const body: Record<string, unknown> = { ...app };
  for (const key of APP_SERVER_FIELDS) delete body[key];
  return { ...body, ...changes } as SsoAppInput;
}

/** What moving one app in a brand's list comes to: see {@link reorderPlan}. */
export interface ReorderPlan<T> {
  /** The app moved. */
  moved: T;
  /** The new sequence, each app with its new `order`. */
  apps: T[];
  /** Only the apps whose `order` changed, with the value to save: one update each. */
  changes: Array<{ app: T; order: number }>;
}

/**
 * Moves the app at `from` to `to` in `apps` (a brand's list in the order agents see). The brand's
 * existing `order` values are handed out again in the new sequence, made distinct where two were
 * equal, so only the apps that moved need an update, and apps of other brands (which share the same
 * `order` scale on the server) keep their places relative to these.
 * @throws {RangeError} when `from` or `to` is not an index of `apps`.
 * @example
 * reorderPlan([{id: 'a', order: 1}, {id: 'b', order: 5}], 1, 0)
 * // {moved: b, apps: [{id: 'b', order: 1}, {id: 'a', order: 5}], changes: [{app: b, order: 1}, {app: a, order: 5}]}
 */
export function reorderPlan<T extends { order?: number | null | undefined }>(apps: readonly T[], from: number, to: number): ReorderPlan<T> {
  for (const [name, index] of [['from', from], ['to', to]] as const) {
    if (!Number.isInteger(index) || index < 0 || index >= apps.length) throw new RangeError(`"${name}" must be an index of "apps" (0 to ${apps.length - 1}), not ${index}`);
  }
  const next = [...apps];
  const [moved] = next.splice(from, 1) as [T];
  next.splice(to, 0, moved);
  const orders = apps.map((a) => a.order ?? 0).sort((a, b) => a - b);
  for (let i = 1; i < orders.length; i++) if (orders[i]! <= orders[i - 1]!) orders[i] = orders[i - 1]! + 1;
  return {
    moved,
    apps: next.map((app, i) => ({ ...app, order: orders[i]! })),
    changes: next.flatMap((app, i) => (app.order === orders[i] ? [] : [{ app, order: orders[i]! }])),
  };
}
