/**
 * Brand scoping: who may see and who may change a brand's apps.
 *
 * Rechat brands form a tree (doc 000, "Set Brands": a brand has a `parent` and `parents`). A member of a
 * brand acts on the brand and on every brand below it; an admin of a brand administers the brand and
 * every brand below it. This is our reading of the tree; the doc does not spell the rule out.
 * @module
 */
import { forbidden, notFound } from '../http.ts';
import type { BrandRole, SeedBrand } from '../seed.ts';
import type { RechatStore, UserRecord } from './store.ts';

/** The ids of a brand's ancestors, nearest first. */
export function ancestorIds(store: RechatStore, brandId: string): string[] {
  const ids: string[] = [];
  let current = store.brands.get(brandId);
  while (current?.parent_id && !ids.includes(current.parent_id)) {
    ids.push(current.parent_id);
    current = store.brands.get(current.parent_id);
  }
  return ids;
}

/** The user's role on a brand, through a direct membership of it or of an ancestor; Admin wins. */
export function roleOn(store: RechatStore, user: UserRecord, brandId: string): BrandRole | null {
  const scope = [brandId, ...ancestorIds(store, brandId)];
  let role: BrandRole | null = null;
  for (const membership of user.memberships) {
    if (!scope.includes(membership.brand)) continue;
    if (membership.role === 'Admin') return 'Admin';
    role = 'Agent';
  }
  return role;
}

/** The brand, when it exists and the user may act on it; 404 or 403 otherwise. */
export function requireMember(store: RechatStore, user: UserRecord, brandId: string): SeedBrand {
  const brand = store.brands.get(brandId);
  if (!brand) throw notFound(`Brand ${brandId} not found`);
  if (!roleOn(store, user, brandId)) throw forbidden('You do not have access to this brand');
  return brand;
}

/** Like {@link requireMember}, and the user must be an admin of the brand (or of an ancestor). */
export function requireAdmin(store: RechatStore, user: UserRecord, brandId: string): SeedBrand {
  const brand = requireMember(store, user, brandId);
  if (roleOn(store, user, brandId) !== 'Admin') throw forbidden('Only brand admins may change apps');
  return brand;
}

/** Whether the user may use an app: they may act on at least one of the app's brands. */
export function mayUseApp(store: RechatStore, user: UserRecord, appBrands: readonly string[]): boolean {
  return appBrands.some((brand) => roleOn(store, user, brand) !== null);
}
