/**
 * The start's chunk (launcher-start.ts: IndexedDB, the snapshot, building the client), requested as the
 * script tag's module begins to run. Its own module, imported first by sso-launcher.component.ts, so
 * that this request leaves before the after-paint chunk's (the forms, the grid's behaviour): the first to
 * arrive runs first, and on a first visit the start's IndexedDB read then begins before the forms' code
 * runs (issue 15: a fresh load to grid ~5 ms sooner, A/B twice).
 * @module
 */
export const startCode = import('./launcher-start.ts');
startCode.catch(() => undefined); // reported by the element when it starts
