/**
 * What makes a timing fair here: a subject and its floor measured in the same run, their order
 * alternated from one round to the next (so neither always gets the warmer cache or the quieter
 * moment), summarised as min, median and max, and compared by their medians.
 *
 * Pages signal through their own console: {@link SIGNAL_SCRIPT} wraps `performance.mark()`, so that the
 * launcher's `sso-launcher:grid` mark (set when its grid first shows tiles) and a floor page's
 * `floor:*` mark force a layout (what a first frame needs) and log `bench-mark {"name","at"}`, `at`
 * in ms since navigation start. The bench reads it with `page.on('console')`: nothing polls the page
 * or injects script into it while it loads.
 * @module
 */
import { loadavg } from 'node:os';
import type { ConsoleMessage, Page } from 'playwright-core';

/** min / median / max of a series. */
export interface Summary {
  min: number;
  median: number;
  max: number;
  n: number;
}

export function summary(xs: readonly number[]): Summary {
  const sorted = [...xs].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
/** `median (min–max)`. */
export const spread = (s: Summary, unit = ms) => `${unit(s.median)} (${unit(s.min)}–${unit(s.max)}, n=${s.n})`;

/** The machine's 1-, 5- and 15-minute load averages, as `uptime` prints them. */
export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
}

/**
 * Runs `rounds` rounds of a subject and its floor (or more), rotating which goes first, and answers
 * each one's series, by name. Each function answers one timing in ms.
 */
export async function rotate<K extends string>(rounds: number, runs: Record<K, () => Promise<number>>): Promise<Record<K, number[]>> {
  const names = Object.keys(runs) as K[];
  const out = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      out[name].push(await runs[name]());
    }
  }
  return out;
}

/** A ratio row's text: the medians' ratio, and the two medians. */
export function ratio(subject: Summary, floor: Summary): number {
  return subject.median / floor.median;
}

/**
 * The page-side signal: a classic script, first in `<head>` (extension pages need it as a file: no
 * inline script under their CSP). A `sso-launcher:*` or `floor:*` mark forces a layout, then is
 * logged and also dispatched as a `bench-mark` event for in-page timings.
 */
export const SIGNAL_SCRIPT = `(() => {
  const mark = performance.mark.bind(performance);
  performance.mark = function (name, options) {
    const entry = mark(name, options);
    if (/^(sso-launcher|floor):/.test(name)) {
      void document.documentElement.offsetHeight;
      const at = performance.now();
      console.log('bench-mark ' + JSON.stringify({ name, at }));
      dispatchEvent(new CustomEvent('bench-mark', { detail: { name, at } }));
    }
    return entry;
  };
})();
`;

/** Resolves with `at` of the first `bench-mark` named `name` the page logs. Listen before navigating. */
export function nextMark(page: Page, name: string, timeoutMs = 15_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', onConsole);
      reject(new Error(`no ${name} mark within ${timeoutMs} ms on ${page.url()}`));
    }, timeoutMs);
    const onConsole = (message: ConsoleMessage) => {
      const text = message.text();
      if (!text.startsWith('bench-mark ')) return;
      const mark = JSON.parse(text.slice('bench-mark '.length)) as { name: string; at: number };
      if (mark.name !== name) return;
      clearTimeout(timer);
      page.off('console', onConsole);
      resolve(mark.at);
    };
    page.on('console', onConsole);
  });
}

/** Navigates and answers the time from navigation start to the page's `name` mark. */
export async function loadToMark(page: Page, url: string, name: string): Promise<number> {
  const marked = nextMark(page, name);
  await page.goto(url, { waitUntil: 'commit' });
  return marked;
}
