// Where the system Chromium is, and the flags it needs on these machines (see the README, "Tests and benchmarks").
// Shared by web-test-runner, the Playwright end-to-end tests and the benchmarks.
import { existsSync } from 'node:fs';

/** The Chromium binary: CHROME_PATH, else Debian's. Exits with a one-line hint when there is none. */
export function chromiumPath() {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    console.error(`No Chromium at ${path}. Install it with "apt-get install -y chromium" or set CHROME_PATH.`);
    process.exit(1);
  }
  return path;
}

/** Flags for a root, offline, GPU-less machine. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
