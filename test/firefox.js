// Where the system Firefox is, and how the end-to-end tests launch it (see the README, "Tests and benchmarks",
// "Firefox, for real"): Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi (no
// geckodriver, no browser download).
import { existsSync } from 'node:fs';

/** The Firefox binary: FIREFOX_PATH, else Debian's firefox-esr. Exits with a one-line hint when there is none. */
export function firefoxPath() {
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    console.error(`No Firefox at ${path}. Install it with "apt-get install -y firefox-esr" or set FIREFOX_PATH.`);
    process.exit(1);
  }
  return path;
}

/** Preferences for a root, offline, headless machine: no first-run pages, updates or telemetry. */
export const firefoxPrefs = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
};
