/**
 * `npm run bench`: runs every benchmark and prints one table.
 *
 * Timings are ratios to floors measured in the same run (bench/fair.ts); the machine's load average is
 * printed before and after. Figures over their budget are marked "OVER BUDGET". The process fails (exit code 1) on them only
 * with `--check` (`npm run bench -- --check`), so that a plain run always prints everything.
 * @module
 */
import { brokerBench } from './broker.ts';
import { brokerSessionsBench } from './broker-sessions.ts';
import { loadAverage } from './fair.ts';
import { loadBench } from './load.ts';
import { formatTable, type Bench, type BenchRow } from './report.ts';
import { paintBench } from './paint.ts';
import { popupBench } from './popup.ts';
import { sizeBench } from './size.ts';

/** Every benchmark, by name. Add new ones here. */
const BENCHES: Record<string, Bench> = {
  size: sizeBench,
  paint: paintBench,
  load: loadBench,
  popup: popupBench,
  broker: brokerBench,
  'broker-sessions': brokerSessionsBench,
};

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((arg) => !arg.startsWith('--'));

const rows: BenchRow[] = [];
let crashed = false;
// Timings on a shared machine mean little without its load: printed before and after the run.
const loadBefore = loadAverage();
for (const [name, bench] of Object.entries(BENCHES)) {
  if (only.length && !only.includes(name)) continue;
  try {
    rows.push(...(await bench()));
  } catch (error) {
    crashed = true;
    rows.push({ bench: name, what: '(failed to run)', value: '', note: error instanceof Error ? error.message : String(error) });
  }
}

console.log(formatTable(rows));
console.log(`\nload average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after`);
const over = rows.filter((row) => row.ok === false);
if (over.length) {
  console.log(`\nOVER BUDGET: ${over.map((row) => `${row.what.trim()} (${row.value}, budget ${row.budget})`).join('; ')}`);
}
if (crashed || (check && over.length)) process.exitCode = 1;
