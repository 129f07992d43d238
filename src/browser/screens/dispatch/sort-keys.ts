/**
 * How the dispatcher's columns sort, each rule given once as a key per row: a comparator (TanStack's `sortFn`, used
 * for grouped rows) and the same order as numbers for a whole column at once (`meta.sortKeys`, the keyed sorted row
 * model of row-models.ts). Keys make a sort of 10,000 rows a sort of numbers: no value cache is read per comparison,
 * and a name is compared with `Intl.Collator` only once, when its rank is first computed.
 */

/**
 * The one order of every text column: Chinese by pinyin (numbers inside names by value, 高竹2线 before 高竹10线), so
 * 名称 and 变电站 sort alike; code-point order put names by their characters' Unicode blocks.
 */
export const nameCollator = new Intl.Collator('zh-Hans-CN', { numeric: true });

/** Every text seen so far by its rank in `nameCollator`'s order (texts the collator calls equal share a rank). */
let textRanks = new Map<string, number>();

/** Ranks every text in `texts` not ranked yet, with all ranked before (a sort of the area's names: once per area). */
function rankTexts(texts: Iterable<string>): void {
  const missing = new Set<string>();
  for (const t of texts) if (!textRanks.has(t)) missing.add(t);
  if (missing.size === 0) return;
  const all = [...textRanks.keys(), ...missing].sort(nameCollator.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  all.forEach((t, i) => {
    if (i > 0 && nameCollator.compare(all[i - 1] as string, t) !== 0) rank = i;
    ranks.set(t, rank);
  });
  textRanks = ranks;
}

/** One column's sort: a comparator of two rows and the keys of many. */
export interface SortRule<R> {
  sortFn: (a: { original: R }, b: { original: R }) => number;
  sortKeys: (rows: readonly R[]) => Float64Array;
}

/** Sorts by a number, a device without a value below every number (last in a descending sort, the usual one). */
export function numberSort<R>(get: (r: R) => number | null): SortRule<R> {
  const key = (r: R) => get(r) ?? Number.NEGATIVE_INFINITY;
  return {
    sortFn: (a, b) => {
      const x = key(a.original);
      const y = key(b.original);
      return x < y ? -1 : x > y ? 1 : 0;
    },
    sortKeys: (rows) => {
      const keys = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) keys[i] = key(rows[i] as R);
      return keys;
    },
  };
}

/** Sorts by a text with `nameCollator`. */
export function textSort<R>(get: (r: R) => string): SortRule<R> {
  return {
    sortFn: (a, b) => nameCollator.compare(get(a.original), get(b.original)),
    sortKeys: (rows) => {
      const texts = rows.map(get);
      rankTexts(texts);
      const keys = new Float64Array(texts.length);
      for (let i = 0; i < texts.length; i++) keys[i] = textRanks.get(texts[i] as string) as number;
      return keys;
    },
  };
}
