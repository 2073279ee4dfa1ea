/**
 * Text folding for search, in one place: the element's search box and the extension's omnibox must
 * agree on what matches, or an app found in one is missing from the other.
 * @module
 */

/**
 * Lower case, compatibility forms and accents removed: "Crème Brûlée" → "creme brulee", "ﬁle" →
 * "file", "ＣＲＭ" → "crm". NFKD splits letters from their marks (and compatibility characters into
 * plain ones); every combining mark (`\p{M}`, not only the Latin U+0300–036F block) is then dropped.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
