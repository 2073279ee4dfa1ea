/**
 * The framework-free core of sso-launcher: runs in a page, in the extension's popup and service
 * worker, and in Node. No Lit, no extension APIs.
 * @module
 */
export * from './errors.ts';
export * from './deps.ts';
export * from './retry.ts';
export { parseWith } from './schema.ts';
export * from './http.ts';
export * from './storage.ts';
export * from './session.ts';
export * from './rechat/schemas.ts';
export * from './rechat/apps.ts';
export * from './rechat/mfa.ts';
export * from './apps-cache.ts';
export * from './preferences.ts';
export * from './launcher.ts';
export * from './urls.ts';
export * from './keys.ts';
export * from './snapshot.ts';
