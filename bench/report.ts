/**
 * What a benchmark reports, and how `bench/run.ts` prints it. Benchmarks measure and print figures;
 * they are not timed tests (docs/architecture.md, "Folders, and which way imports go").
 * @module
 */

/** One measured figure. */
export interface BenchRow {
  /** The benchmark, such as `size`. */
  bench: string;
  /** What was measured, such as `core (min+gzip)`. */
  what: string;
  /** The figure, already formatted with its unit. */
  value: string;
  /** The budget, formatted, when there is one. */
  budget?: string;
  /** Whether the figure is within its budget; undefined when there is no budget. */
  ok?: boolean;
  /** A short note: how it was measured, or what it contains. */
  note?: string;
}

/** A benchmark: measures and answers its rows. */
export type Bench = () => Promise<BenchRow[]>;

/** 1 kB = 1000 bytes, as Vite and bundlephobia count. */
export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`;
}

/** Rows as an aligned plain-text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['bench', 'what', 'value', 'budget', 'status', 'note'];
  const body = rows.map((row) => [
    row.bench,
    row.what,
    row.value,
    row.budget ?? '',
    row.ok === undefined ? '' : row.ok ? 'pass' : 'OVER BUDGET',
    row.note ?? '',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
