/**
 * The signed-in user's brands and roles: who is a brand admin, and the brand tree an admin picks
 * allowed brands from.
 *
 * Rechat brands form a tree (doc 000, "Set Brands": a brand has `parent` and `parents`, its ancestors'
 * ids). An admin of a brand administers every brand below it, so "is an admin of B" means: the user has
 * the Admin role on B or on one of B's ancestors.
 *
 * ASSUMPTIONS (neither route is in the vendor's public docs; the simulator implements both):
 * - `GET /users/self/brands` lists the brands the user is a direct member of, each with the user's
 *   `role` there ("Admin", "Agent").
 * - `GET /brands/:brand` answers one brand with its `parents`; we need it for a brand the user reaches
 *   only through an ancestor (the office admin looking at a team's launcher).
 * @module
 */
import * as z from 'zod/mini';
import '../schema.ts'; // z.config({jitless: true}) before any parse
import { HttpError } from '../errors.ts';
import type { AuthorizedApi } from '../session.ts';
import { BrandSchema, envelope, type Brand } from './schemas.ts';

const BrandListEnvelope = envelope(z.array(BrandSchema));
const BrandEnvelope = envelope(BrandSchema);

/** The role that administers a brand and the brands below it. */
export const ADMIN_ROLE = 'Admin';

/** `GET /users/self/brands`: the brands the user is a direct member of, with their `role`. */
export async function listMyBrands(api: AuthorizedApi, options: { signal?: AbortSignal } = {}): Promise<Brand[]> {
  const response = await api.request({ path: '/users/self/brands', schema: BrandListEnvelope, signal: options.signal });
  return response.data;
}

/**
 * `GET /brands/:brand`: one brand, with its ancestors in `parents`. Resolves with `undefined` when the
 * server has no such route or will not show the brand (404, 403), which callers treat as "unknown".
 */
export async function getBrand(api: AuthorizedApi, brandId: string, options: { signal?: AbortSignal } = {}): Promise<Brand | undefined> {
  if (typeof brandId !== 'string' || !brandId) throw new TypeError('"brandId" must be a non-empty string');
  try {
    const response = await api.request({ path: `/brands/${encodeURIComponent(brandId)}`, schema: BrandEnvelope, signal: options.signal });
    return response.data;
  } catch (error) {
    if (error instanceof HttpError && (error.status === 404 || error.status === 403)) return undefined;
    throw error;
  }
}

/** A brand's ancestors' ids, nearest first, from `parents` and the one-level `parent`. */
export function ancestorIds(brand: Pick<Brand, 'parent' | 'parents'>): string[] {
  const ids = [...(brand.parents ?? [])];
  if (brand.parent && !ids.includes(brand.parent.id)) ids.unshift(brand.parent.id);
  return ids;
}

/**
 * Whether the user is an admin of `brandId`: their role is Admin there, or on an ancestor of it.
 * @param brands the user's brands with their roles ({@link listMyBrands})
 * @param brandId the brand in question
 * @param allBrands other brand objects known to the caller (such as {@link getBrand}'s answer), to find
 *   the ancestors of a brand the user is not a direct member of
 * @example
 * const mine = await listMyBrands(session);
 * const admin = isBrandAdmin(mine, config.brand) || isBrandAdmin(mine, config.brand, [await getBrand(session, config.brand)]);
 */
export function isBrandAdmin(brands: readonly Brand[], brandId: string, allBrands: ReadonlyArray<Brand | undefined> = []): boolean {
  const adminOf = new Set(brands.filter((b) => b.role === ADMIN_ROLE).map((b) => b.id));
  if (adminOf.size === 0) return false;
  if (adminOf.has(brandId)) return true;
  const known = [...brands, ...allBrands].find((b): b is Brand => b?.id === brandId);
  return known ? ancestorIds(known).some((id) => adminOf.has(id)) : false;
}

/**
 * Asks the server whether the signed-in user is an admin of `brandId`: their brands first, and the
 * brand itself only when it is not among them (the office admin on a team's launcher).
 * Used by the launcher (to show the admin tools) and by the broker (to guard its admin routes).
 */
export async function checkBrandAdmin(api: AuthorizedApi, brandId: string, options: { signal?: AbortSignal } = {}): Promise<{ admin: boolean; brands: Brand[] }> {
  const brands = await listMyBrands(api, options);
  if (isBrandAdmin(brands, brandId)) return { admin: true, brands };
  if (brands.some((b) => b.id === brandId) || !brands.some((b) => b.role === ADMIN_ROLE)) return { admin: false, brands };
  const brand = await getBrand(api, brandId, options);
  return { admin: isBrandAdmin(brands, brandId, [brand]), brands: brand ? [...brands, brand] : brands };
}

/** One node of the brand tree, for a picker. */
export interface BrandNode {
  id: string;
  name: string;
  /** 0 for a root. */
  depth: number;
  parentId: string | null;
  /** Whether the user administers this brand (directly or through an ancestor). */
  admin: boolean;
}

/**
 * The brand tree built from the brands known (the user's, their `parent`s, and any others passed),
 * flattened depth-first with children sorted by name: ready for an indented list of checkboxes.
 * Brands whose parent is unknown are roots.
 */
export function brandTree(brands: ReadonlyArray<Brand | undefined>): BrandNode[] {
  const mine = brands.filter((b): b is Brand => !!b);
  const byId = new Map<string, { id: string; name: string; parentId: string | null }>();
  for (const brand of mine) {
    if (brand.parent && !byId.has(brand.parent.id)) byId.set(brand.parent.id, { id: brand.parent.id, name: brand.parent.name, parentId: null });
  }
  for (const brand of mine) {
    const parentId = brand.parent?.id ?? brand.parents?.[0] ?? null;
    byId.set(brand.id, { id: brand.id, name: brand.name, parentId });
  }
  const children = new Map<string | null, Array<{ id: string; name: string; parentId: string | null }>>();
  for (const node of byId.values()) {
    const key = node.parentId && byId.has(node.parentId) ? node.parentId : null;
    children.set(key, [...(children.get(key) ?? []), node]);
  }
  const withRoles = mine.filter((b) => b.role);
  const out: BrandNode[] = [];
  const visit = (parentId: string | null, depth: number, seen: Set<string>) => {
    const kids = (children.get(parentId) ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
    for (const node of kids) {
      if (seen.has(node.id)) continue; // a cycle in bad data must not loop forever
      seen.add(node.id);
      out.push({ id: node.id, name: node.name, depth, parentId: node.parentId, admin: isBrandAdmin(withRoles, node.id, mine) });
      visit(node.id, depth + 1, seen);
    }
  };
  visit(null, 0, new Set());
  // `admin` through the tree: an admin of a node administers its whole subtree.
  for (const node of out) {
    if (node.admin) continue;
    for (let p = node.parentId; p; p = byId.get(p)?.parentId ?? null) {
      if (out.find((n) => n.id === p)?.admin) {
        node.admin = true;
        break;
      }
    }
  }
  return out;
}
