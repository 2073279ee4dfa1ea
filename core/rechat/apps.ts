/**
 * Rechat SSO applications of a brand: list, create, update, set brands, set icon, delete.
 * To launch an app, open its `open_url` in a new tab.
 * @see ../../shared/seeds/000_003d0196579aad9d.txt
 * @module
 */
import type { AuthorizedApi } from '../session.ts';
import { SsoAppListSchema, SsoAppSchema, envelope, type SsoApp } from './schemas.ts';
import { ValidationError } from '../errors.ts';

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
const appsPath = (brand: string) => `/brands/${encodeURIComponent(brand)}/sso_applications`;
const appPath = (brand: string, id: string) => `${appsPath(brand)}/${encodeURIComponent(id)}`;

function checkId(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !value) throw new TypeError(`"${name}" must be a non-empty string`);
}

/** Sorts apps by `order`, then by name (locale-aware), without changing the input. */
export function sortApps<T extends Pick<SsoApp, 'order' | 'name'>>(apps: readonly T[]): T[] {
  return [...apps].sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name));
}

/** Lists the brand's apps, sorted by `order` then name. */
export async function listApps(api: AuthorizedApi, brand: string, options: { signal?: AbortSignal } = {}): Promise<SsoApp[]> {
  checkId('brand', brand);
  const response = await api.request({ path: appsPath(brand), schema: SsoAppListSchema, signal: options.signal });
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
