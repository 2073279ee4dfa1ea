/**
 * zod schemas for everything Rechat sends us, kept beside the modules that call it.
 * Unknown fields are tolerated (and dropped); missing or wrong required fields fail with the field's path.
 * @see docs/architecture.md, "Rechat sign-in" and "Rechat MFA" (Rechat's API documentation, "Authorize")
 * @see docs/architecture.md, "Rechat SSO applications" (Rechat's API documentation, "SSO")
 * @module
 */
// Imported directly (not re-exported through ../schema.ts) so the bundler can tree-shake zod.
import * as z from 'zod/mini';
import '../schema.ts'; // z.config({jitless: true}) before any parse

const optionalString = z.optional(z.nullable(z.string()));

/** The user profile, as in `data` of the token response and of `/users/self`. */
export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  first_name: optionalString,
  last_name: optionalString,
  display_name: optionalString,
  abbreviated_display_name: optionalString,
  user_type: optionalString,
  mfa_enabled: z.optional(z.nullable(z.boolean())),
  profile_image_url: optionalString,
  timezone: optionalString,
});
export type User = z.infer<typeof UserSchema>;

/** `{code, data}` around one value. */
export const envelope = <T extends z.ZodMiniType>(data: T) => z.object({ code: z.optional(z.string()), data });

/**
 * `POST /oauth2/token` answers, for the password grant (with `data`, the user) and for the
 * refresh grant (without it). `expires_in` is in seconds.
 */
export const TokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  expires_in: z.number().check(z.positive()),
  token_type: z.optional(z.string()),
  code: z.optional(z.string()),
  data: z.optional(UserSchema),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/** `POST /users/self/mfa/setup`: the user, with the otpauth URI and (maybe empty) QR code. */
export const MfaSetupResponseSchema = envelope(
  z.object({
    ...UserSchema.def.shape,
    mfa_url: z.string().check(z.startsWith('otpauth://totp/')),
    mfa_qr_code: optionalString,
  }),
);

/** A brand, as embedded in an app's `brands` after "set brands", or listed for a user. */
export const BrandSchema = z.object({
  id: z.string(),
  name: z.string(),
  brand_type: optionalString,
  parents: z.optional(z.nullable(z.array(z.string()))),
  /** Our own simulator says which role the user has; the real API may not. */
  role: optionalString,
  /** One level is enough for the picker; deeper ancestors are in `parents`. */
  parent: z.optional(z.nullable(z.object({ id: z.string(), name: z.string() }))),
});
export type Brand = z.infer<typeof BrandSchema>;

/**
 * An SSO application. Timestamps are epoch seconds. `brands` is a list of ids when listed, and of
 * brand objects after "set brands": both are accepted and read as ids by {@link appBrandIds}.
 * `icon` is not in the vendor's example; it is where this project reads the icon URL from.
 */
export const SsoAppSchema = z.object({
  id: z.string(),
  name: z.string(),
  authentication_type: z.string(),
  open_url: z.string(),
  url: optionalString,
  acs_url: optionalString,
  entity_id: optionalString,
  order: z.optional(z.nullable(z.number())),
  icon: optionalString,
  brands: z.optional(z.nullable(z.array(z.union([z.string(), z.object({ id: z.string() })])))),
  created_at: z.optional(z.nullable(z.number())),
  updated_at: z.optional(z.nullable(z.number())),
});
export type SsoApp = z.infer<typeof SsoAppSchema>;

/** `GET /brands/:brand/sso_applications`. */
export const SsoAppListSchema = z.object({
  code: z.optional(z.string()),
  data: z.array(SsoAppSchema),
  info: z.optional(z.object({ count: z.optional(z.number()), total: z.optional(z.number()) })),
});

/** The ids of the brands an app is allowed for, whichever shape the server sent. */
export function appBrandIds(app: Pick<SsoApp, 'brands'>): string[] {
  return (app.brands ?? []).map((brand) => (typeof brand === 'string' ? brand : brand.id));
}
