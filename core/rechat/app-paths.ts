/**
 * The paths of Rechat's SSO applications, apart from rechat/apps.ts (which needs zod) so that the
 * first module's early app list request (core/early-apps.ts) asks for exactly the URL `listApps` does.
 * @see docs/architecture.md, "Rechat SSO applications"
 * @module
 */

/** A brand's SSO applications: `GET` lists them, `POST` creates one. */
export const appsPath = (brand: string) => `/brands/${encodeURIComponent(brand)}/sso_applications`;
