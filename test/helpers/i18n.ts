/**
 * Checks for translations: a table against English, key by key, and the English words to look for in
 * a page that should have none.
 */

/** Sample arguments: distinct strings, so a placeholder left out (or swapped) shows. */
export const SAMPLES = ['⟦a⟧', '⟦b⟧', '⟦c⟧'];

/**
 * What is wrong with `table` against `english`: a missing or extra key, an empty string, a different
 * kind of value, or a function that drops a parameter English shows (checked with string samples,
 * and with 1 and 2, so both plural branches run).
 */
export function compareTables(english: Record<string, unknown>, table: Record<string, unknown>, path = ''): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) if (!(key in table)) problems.push(`${path}${key}: missing`);
  for (const key of Object.keys(table)) if (!(key in english)) problems.push(`${path}${key}: not in English`);
  for (const key of Object.keys(english).filter((k) => k in table)) {
    const e = english[key];
    const t = table[key];
    const where = `${path}${key}`;
    if (typeof e !== typeof t) {
      problems.push(`${where}: ${typeof t}, English has ${typeof e}`);
    } else if (typeof e === 'string') {
      if (!(t as string).trim()) problems.push(`${where}: empty`);
    } else if (typeof e === 'function') {
      const ef = e as (...args: unknown[]) => string;
      const tf = t as (...args: unknown[]) => string;
      if (ef.length !== tf.length) problems.push(`${where}: ${tf.length} parameters, English has ${ef.length}`);
      for (const args of [SAMPLES, [1, 1, 1], [2, 2, 2], []]) {
        const out = tf(...args);
        if (typeof out !== 'string' || !out.trim()) problems.push(`${where}(${args.join(', ')}): empty`);
        const shown = ef(...args);
        args.forEach((arg, i) => {
          if (typeof arg === 'string' && shown.includes(arg) && !out.includes(arg)) problems.push(`${where}: parameter ${i + 1} is not shown`);
        });
      }
    } else if (e && typeof e === 'object') {
      problems.push(...compareTables(e as Record<string, unknown>, t as Record<string, unknown>, `${where}.`));
    }
  }
  return problems;
}

/** The English text to look for: every string, and the fixed words of every function, at least 3 letters long. */
export function englishFragments(tables: readonly object[]): string[] {
  const out = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') out.add(value);
    else if (typeof value === 'function') {
      for (const args of [SAMPLES, [1, 1, 1], [7, 7, 7]]) {
        for (const piece of String(value(...args)).split(/⟦[abc]⟧|\d+/)) out.add(piece);
      }
    } else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  tables.forEach(add);
  return [...out]
    .map((s) => s.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((s) => (s.match(/\p{L}/gu) ?? []).length >= 3);
}

/** A regular expression for each fragment, matched as whole words (so "Edit" is not found in "Editar"). */
export function fragmentPatterns(fragments: readonly string[]): { s: string; re: RegExp }[] {
  return fragments.map((s) => ({ s, re: new RegExp(`(?<!\\p{L})${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u') }));
}
