/**
 * The `mosaic` section of the broker's configuration: the Mosaic management application's credentials
 * (server side only) and the brand whose admins may manage the SSO clients groups.
 *
 * ```json
 * "mosaic": {
 *   "apiBase": "https://api.transmitsecurity.io",
 *   "clientId": "…",
 *   "clientSecret": "…",
 *   "adminBrand": "<the brokerage's Rechat brand id>"
 * }
 * ```
 * Kept apart from broker/admin.ts so that config.ts can import the schema without the routes.
 * @module
 */
import * as z from 'zod/mini';
import '../core/schema.ts'; // z.config({jitless: true}) before any parse
import { safeHttpUrl } from '../core/urls.ts';

/** The `mosaic` section. */
export const MosaicBrokerConfigSchema = z.object({
  /**
   * Mosaic's API host; default `https://api.transmitsecurity.io` (regional and sandbox hosts differ).
   * The token endpoint is `<apiBase>/oidc/token`, the SSO Service `<apiBase>/cis/v1/sso-service/…`.
   */
  apiBase: z.optional(z.string().check(z.refine((value) => safeHttpUrl(value) !== null, 'must be an absolute http(s) URL'))),
  /** The management application's client id, with `sso-service:read`, `:edit` and `:delete`. */
  clientId: z.string().check(z.trim(), z.minLength(1, 'required, a non-empty string')),
  clientSecret: z.string().check(z.minLength(1, 'required, a non-empty string')),
  /**
   * SSO clients groups are the whole tenant's, not a brand's: only admins of this brand (the
   * brokerage's top brand, typically) may manage them. An admin of a brand above it qualifies too.
   */
  adminBrand: z.string().check(z.trim(), z.minLength(1, 'required, a Rechat brand id')),
});
export type MosaicBrokerConfig = z.infer<typeof MosaicBrokerConfigSchema>;
