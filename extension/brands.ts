/**
 * The brands the signed-in user belongs to, as choices for the options page's brand picker. The
 * request is the core's ({@link listMyBrands}); this only shapes the answer for the picker.
 * @module
 */
import { listMyBrands } from '../core/rechat/brands.ts';
import type { AuthorizedApi } from '../core/session.ts';

/** One choice of the brand picker. */
export interface BrandChoice {
  id: string;
  name: string;
  /** The user's role there ("Admin", "Agent"), when the server says. */
  role?: string;
  /** The parent brand's name ("Team" inside "Office"), when the server says. */
  parentName?: string;
}

/** Lists the user's brands, sorted by name. */
export async function listBrands(api: AuthorizedApi, options: { signal?: AbortSignal } = {}): Promise<BrandChoice[]> {
  const brands = await listMyBrands(api, options);
  return brands
    .map((brand) => ({
      id: brand.id,
      name: brand.name,
      ...(brand.role ? { role: brand.role } : {}),
      ...(brand.parent?.name ? { parentName: brand.parent.name } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
