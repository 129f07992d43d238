/**
 * The incremental row cache of the dispatcher's tables: a row object is re-created only when its keys (the device
 * view, today's peak) changed, and the array itself is the previous one when no row changed, so TanStack Table sees
 * stable data and stable row ids (CONVENTIONS: "stable data references and row ids").
 *
 * With the same sources as last time (the area did not change: every refresh but the first) rows are matched by
 * position, so a refresh of 10,000 rows reads two keys a row and allocates only the rows that changed and, if any
 * did, three arrays; before, it built a 10,000-entry map every second. Other sources are matched by id.
 */
export interface RowsCache<R> {
  rows: readonly R[];
  /** What the rows were built from, and each row's two keys, position by position. */
  sources: readonly unknown[];
  keys: readonly unknown[];
  keys2: readonly unknown[];
  /** What every row was built with besides its device (the feeders' thresholds in force); a new one rebuilds all. */
  builtWith?: unknown;
}

export function emptyRowsCache<R>(): RowsCache<R> {
  return { rows: [], sources: [], keys: [], keys2: [] };
}

/** Rebuilds rows whose key changed; returns the previous cache when none did. */
export function rebuildChanged<S, R>(
  prev: RowsCache<R>,
  sources: readonly S[],
  idOf: (s: S) => string,
  keyOf: (s: S) => unknown,
  key2Of: ((s: S) => unknown) | null,
  build: (s: S) => R,
): RowsCache<R> {
  const samePlaces = prev.sources === sources;
  // Other sources: the previous rows by id (a new area, or the first build).
  const byId = samePlaces ? null : new Map(prev.sources.map((s, i) => [idOf(s as S), i]));
  let rows: R[] | null = null;
  let keys: unknown[] = [];
  let keys2: unknown[] = [];
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i] as S;
    const key = keyOf(s);
    const key2 = key2Of ? key2Of(s) : undefined;
    const at = byId ? byId.get(idOf(s)) : i;
    const same = at !== undefined && prev.keys[at] === key && prev.keys2[at] === key2;
    if (same && at === i && !rows) continue;
    if (!rows) {
      // The first difference: the rows before it are the previous ones.
      rows = prev.rows.slice(0, i) as R[];
      keys = prev.keys.slice(0, i);
      keys2 = prev.keys2.slice(0, i);
    }
    rows[i] = same ? (prev.rows[at] as R) : build(s);
    keys[i] = key;
    keys2[i] = key2;
  }
  if (rows) return { rows, sources, keys, keys2 };
  // Every row the same, in the same place: the previous cache (its rows fewer when sources were left out at the end).
  if (sources.length === prev.rows.length) return prev;
  const n = sources.length;
  return { rows: prev.rows.slice(0, n), sources, keys: prev.keys.slice(0, n), keys2: prev.keys2.slice(0, n) };
}
