/**
 * Rechat SSO applications, per brand (doc 000): list, create, update, set brands, set icon, delete;
 * plus what the doc implies but does not list: serving the icons, and the page `open_url` lands on.
 *
 * Every brand-scoped route checks, in this order: bearer (and MFA), the brand exists (404), the user may
 * act on it (403), the user is an admin of it for changes (403), the app is visible in it (404), the body
 * (400 Validation naming the field).
 * @module
 */
import type { Context } from 'hono';
import { isRecord, json, notFound, readJsonObject, validation } from '../http.ts';
import { errorPage, htmlResponse, landingPage, PAGE_CSP } from '../pages.ts';
import { ISSUER_ID } from '../seed.ts';
import { mayUseApp, requireAdmin, requireMember } from './access.ts';
import { bearer } from './auth.ts';
import { baseUrl, type RechatApp, type RechatContext, type RechatEnv } from './context.ts';
import type { AppRecord, StoredIcon, UserRecord } from './store.ts';
import { appView } from './views.ts';

/** The fields of an app that a client sets; the rest (id, timestamps, issuer, icon) are the server's. */
type WritableApp = Omit<AppRecord, 'id' | 'created_at' | 'updated_at' | 'issuer' | 'icon' | 'order' | 'brands'> & {
  order: number | null;
  brands: string[] | null;
};

/** Icon uploads: these types only, at most 512 KiB (our limits; the doc shows no upload at all). */
export const ICON_TYPES: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/svg+xml': 'svg',
  'image/webp': 'webp',
};
export const MAX_ICON_BYTES = 512 * 1024;
const CONTENT_TYPE_OF_EXT = Object.fromEntries(Object.entries(ICON_TYPES).map(([type, ext]) => [ext, type]));

// ---------------------------------------------------------------------------------------------------
// Body validation. Each failure is a 400 Validation whose message starts with the field's name.

function optionalString(body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw validation(`${name}: must be a string or null`);
  return value;
}

/** Only http(s) URLs: an app URL ends up in a link an agent clicks (docs/architecture.md, "Security model"). */
function optionalUrl(body: Record<string, unknown>, name: string): string | null {
  const value = optionalString(body, name);
  if (value === null || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validation(`${name}: must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw validation(`${name}: must be an absolute http(s) URL`);
  return value;
}

/** `brands`: a list of brand ids (brand objects with an id are accepted too: that is how apps come back). */
function brandList(body: Record<string, unknown>, ctx: RechatContext, user: UserRecord, required: boolean): string[] | null {
  const value = body.brands;
  if (value === undefined || value === null) {
    if (required) throw validation('brands: required, a list of brand ids');
    return null;
  }
  if (!Array.isArray(value)) throw validation('brands: must be a list of brand ids');
  const ids = value.map((item) => (isRecord(item) ? item.id : item));
  if (ids.length === 0) throw validation('brands: must list at least one brand');
  for (const id of ids) {
    if (typeof id !== 'string' || !ctx.store.brands.has(id)) throw validation(`brands: unknown brand ${String(id)}`);
  }
  // Our rule: an admin may only hand an app to brands they administer, or an admin of a team could
  // push apps onto the whole office.
  for (const id of ids as string[]) requireAdmin(ctx.store, user, id);
  return [...new Set(ids as string[])];
}

/** Validates a create or full update body (doc 000, "Create an app" / "Update an app"). */
function parseApp(body: Record<string, unknown>, ctx: RechatContext, user: UserRecord): WritableApp {
  const name = body.name;
  if (typeof name !== 'string' || name.trim() === '') throw validation('name: required, a non-empty string');
  if (name.length > 200) throw validation('name: at most 200 characters');
  const type = body.authentication_type;
  if (type !== 'SAML' && type !== 'None') throw validation('authentication_type: must be "SAML" or "None"');

  const url = optionalUrl(body, 'url');
  const acsUrl = optionalUrl(body, 'acs_url');
  const entityId = optionalString(body, 'entity_id');
  // "SAML would be enabled for third party apps with SSO functionality. None for applications that can
  // just be opened as a link": SAML needs its service provider, None needs the link.
  if (type === 'SAML' && acsUrl === null) throw validation('acs_url: required when authentication_type is "SAML"');
  if (type === 'SAML' && !entityId) throw validation('entity_id: required when authentication_type is "SAML"');
  if (type === 'None' && url === null) throw validation('url: required when authentication_type is "None"');

  const signed = body.signed ?? null;
  if (signed !== null && typeof signed !== 'boolean') throw validation('signed: must be a boolean or null');
  const order = body.order ?? null;
  if (order !== null && !Number.isSafeInteger(order)) throw validation('order: must be an integer');

  return {
    name: name.trim(),
    authentication_type: type,
    url,
    acs_url: acsUrl,
    entity_id: entityId || null,
    start_url: optionalUrl(body, 'start_url'),
    signed,
    name_id: optionalString(body, 'name_id'),
    name_id_format: optionalString(body, 'name_id_format'),
    mappings: body.mappings ?? null,
    audience: optionalString(body, 'audience'),
    destination: optionalString(body, 'destination'),
    recipient: optionalString(body, 'recipient'),
    extra: body.extra ?? null,
    order: order as number | null,
    brands: brandList(body, ctx, user, false),
  };
}

// ---------------------------------------------------------------------------------------------------
// Icons.

/** Whether the bytes are what the declared type says (a renamed file is refused, not stored). */
function looksLike(type: string, bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const ascii = (from: number, text: string) => [...text].every((ch, i) => bytes[from + i] === ch.charCodeAt(0));
  switch (type) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/webp':
      return ascii(0, 'RIFF') && ascii(8, 'WEBP');
    case 'image/svg+xml': {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return false;
      }
      return /<svg[\s>]/i.test(text);
    }
    default:
      return false;
  }
}

/** Reads the `icon` field of a multipart/form-data upload. */
async function readIcon(c: Context<RechatEnv>): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string }> {
  const contentType = c.req.header('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw validation('icon: send multipart/form-data with the image in a field named "icon"');
  }
  // Refuse obviously oversized bodies before buffering them (multipart framing adds a little).
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > MAX_ICON_BYTES + 64 * 1024) throw validation('icon: the image is larger than 512 KiB');
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch {
    throw validation('icon: the multipart body could not be read');
  }
  const file = form.get('icon');
  if (file === null || typeof file === 'string') throw validation('icon: required, an image file');
  const type = file.type.toLowerCase().split(';')[0]!.trim();
  if (!(type in ICON_TYPES)) throw validation('icon: must be image/png, image/jpeg, image/svg+xml or image/webp');
  if (file.size > MAX_ICON_BYTES) throw validation('icon: the image is larger than 512 KiB');
  if (file.size === 0) throw validation('icon: the image is empty');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!looksLike(type, bytes)) throw validation(`icon: the file is not a valid ${type} image`);
  return { bytes, type };
}

// ---------------------------------------------------------------------------------------------------
// Routes.

export function registerAppRoutes(app: RechatApp, ctx: RechatContext): void {
  const { store } = ctx;

  /** The app, when it is visible in the brand (allowed for it); 404 otherwise. */
  const appInBrand = (brandId: string, appId: string): AppRecord => {
    const found = store.apps.get(appId);
    if (!found || !found.brands.includes(brandId)) throw notFound(`SSO application ${appId} not found`);
    return found;
  };
  const view = (c: Context<RechatEnv>, record: AppRecord, expandBrands = false) =>
    appView(record, { store, base: baseUrl(c, ctx), user: c.get('user'), expandBrands });

  // "Get all available applications". Answered in creation order: the doc does not say the server sorts,
  // so clients sort by `order` themselves.
  app.get('/brands/:brand/sso_applications', bearer(ctx), (c) => {
    const brandId = c.req.param('brand');
    requireMember(store, c.get('user'), brandId);
    const data = [...store.apps.values()].filter((a) => a.brands.includes(brandId)).map((a) => view(c, a));
    return json({ code: 'OK', data, info: { count: data.length, total: data.length } });
  });

  // "Create an app".
  app.post('/brands/:brand/sso_applications', bearer(ctx), async (c) => {
    const brandId = c.req.param('brand');
    const user = c.get('user');
    requireAdmin(store, user, brandId);
    const fields = parseApp(await readJsonObject(c.req.raw), ctx, user);
    const now = ctx.now() / 1000;
    const orders = [...store.apps.values()].map((a) => a.order);
    const record: AppRecord = {
      ...fields,
      id: crypto.randomUUID(),
      created_at: now,
      updated_at: now,
      issuer: ISSUER_ID,
      order: fields.order ?? (orders.length ? Math.max(...orders) + 1 : 0),
      brands: fields.brands ?? [brandId],
      icon: null,
    };
    store.apps.set(record.id, record);
    return json({ code: 'OK', data: view(c, record) });
  });

  // "Update an app": a full update (fields left out become null; `order` and `brands` stay as they were).
  app.put('/brands/:brand/sso_applications/:id', bearer(ctx), async (c) => {
    const brandId = c.req.param('brand');
    const id = c.req.param('id');
    const user = c.get('user');
    requireAdmin(store, user, brandId);
    const record = appInBrand(brandId, id);
    const body = await readJsonObject(c.req.raw);
    // The doc sends the id both in the URL and in the body: they must agree.
    if (body.id !== undefined && body.id !== id) throw validation('id: does not match the id in the URL');
    const fields = parseApp(body, ctx, user);
    Object.assign(record, {
      ...fields,
      order: fields.order ?? record.order,
      brands: fields.brands ?? record.brands,
      updated_at: ctx.now() / 1000,
    });
    return json({ code: 'OK', data: view(c, record) });
  });

  // "Set Brands that are allowed to use this app": answered with the brands expanded, as in the doc.
  app.put('/brands/:brand/sso_applications/:id/brands', bearer(ctx), async (c) => {
    const brandId = c.req.param('brand');
    const user = c.get('user');
    requireAdmin(store, user, brandId);
    const record = appInBrand(brandId, c.req.param('id'));
    const brands = brandList(await readJsonObject(c.req.raw), ctx, user, true)!;
    record.brands = brands;
    record.updated_at = ctx.now() / 1000;
    return json({ code: 'OK', data: view(c, record, true) });
  });

  // "Set Icon". The doc's example shows a JSON body (apparently copied from "Set Brands"); an icon is an
  // image, so this takes a multipart upload in a field named `icon`.
  app.put('/brands/:brand/sso_applications/:id/icon', bearer(ctx), async (c) => {
    const brandId = c.req.param('brand');
    requireAdmin(store, c.get('user'), brandId);
    const record = appInBrand(brandId, c.req.param('id'));
    const { bytes, type } = await readIcon(c);
    const icon: StoredIcon = { bytes, contentType: type, ext: ICON_TYPES[type]!, version: store.nextIconVersion() };
    record.icon = icon;
    record.updated_at = ctx.now() / 1000;
    return json({ code: 'OK', data: view(c, record) });
  });

  // "Delete an app": answers the deleted app, as the doc shows.
  app.delete('/brands/:brand/sso_applications/:id', bearer(ctx), (c) => {
    const brandId = c.req.param('brand');
    requireAdmin(store, c.get('user'), brandId);
    const record = appInBrand(brandId, c.req.param('id'));
    const data = view(c, record);
    store.apps.delete(record.id);
    return json({ code: 'OK', data });
  });

  // The icons. No auth: an <img> cannot send a bearer token. The URL carries ?v=<version>, so a new
  // upload is a new URL. SVGs are served under a CSP that keeps any script in them inert when opened.
  app.get('/sso_applications/:id/:file', (c) => {
    const record = store.apps.get(c.req.param('id'));
    const match = /^icon\.(png|jpg|svg|webp)$/.exec(c.req.param('file'));
    if (!record?.icon || !match || match[1] !== record.icon.ext) throw notFound('Icon not found');
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPE_OF_EXT[record.icon.ext]!,
      'x-content-type-options': 'nosniff',
      // The launcher shows icons on other origins (intranet pages, the extension).
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'public, max-age=300',
    };
    if (record.icon.ext === 'svg') headers['content-security-policy'] = PAGE_CSP;
    return new Response(record.icon.bytes, { status: 200, headers });
  });

  // Where open_url lands: in the real service, a SAML POST or a redirect into the app; here, a page that
  // says who got signed in where. No bearer: a new tab has none; the hash is the credential.
  app.get('/sso_applications/open', (c) => {
    const hash = c.req.query('hash') ?? '';
    const link = store.resolveOpenHash(hash);
    const record = link && store.apps.get(link.appId);
    const user = link && store.users.get(link.userId);
    if (!link || !record || !user) return htmlResponse(errorPage('This sign-in link is not valid'), 404);
    // The link outlives a change of the app's brands: check the user may still use the app.
    if (!mayUseApp(store, user, record.brands)) return htmlResponse(errorPage('You do not have access to this app'), 403);
    return htmlResponse(landingPage(record.name, user.email, record.url ?? record.acs_url));
  });
}
