/**
 * The brands the signed-in user belongs to, for the options page's brand picker.
 *
 * `GET /users/self/brands` is not in Rechat's public docs (the simulator's assumption, see
 * demo/simulator/rechat/users.ts): it answers `{code, data: [brand + role]}`. Only the extension needs it,
 * so it lives here rather than in core.
 * @module
 */
import { z } from '../core/schema.ts';
import { BrandSchema, envelope } from '../core/rechat/schemas.ts';
import type { AuthorizedApi } from '../core/session.ts';

const BrandListSchema = envelope(z.array(BrandSchema));

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
  const response = await api.request({ path: '/users/self/brands', schema: BrandListSchema, signal: options.signal });
  return response.data
    .map((brand) => ({
      id: brand.id,
      name: brand.name,
      ...(brand.role ? { role: brand.role } : {}),
      ...(brand.parent?.name ? { parentName: brand.parent.name } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
