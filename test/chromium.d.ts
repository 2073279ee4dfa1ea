// Types of ./chromium.js, for the TypeScript end-to-end tests and benchmarks that import it.

/** The Chromium binary: CHROME_PATH, else Debian's. Exits with a one-line hint when there is none. */
export function chromiumPath(): string;

/** Flags for a root, offline, GPU-less machine. */
export const chromiumArgs: string[];
