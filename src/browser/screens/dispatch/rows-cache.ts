/**
 * The incremental row cache of the dispatcher's tables: a row object is re-created only when its keys (the device
 * view, today's peak) changed, and the array itself is the previous one when no row changed, so TanStack Table sees
 * stable data and stable row ids (CONVENTIONS: "stable data references and row ids").
 */
export interface RowsCache<R> {
  rows: readonly R[];
  byId: Map<string, { key: unknown; key2: unknown; row: R }>;
  /** What every row was built with besides its device (the feeders' thresholds in force); a new one rebuilds all. */
  builtWith?: unknown;
}

export function emptyRowsCache<R>(): RowsCache<R> {
  return { rows: [], byId: new Map() };
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
  let changed = prev.rows.length !== sources.length;
  const byId = new Map<string, { key: unknown; key2: unknown; row: R }>();
  const rows: R[] = new Array(sources.length);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i] as S;
    const id = idOf(s);
    const key = keyOf(s);
    const key2 = key2Of ? key2Of(s) : undefined;
    const old = prev.byId.get(id);
    if (old && old.key === key && old.key2 === key2) {
      byId.set(id, old);
      rows[i] = old.row;
      if (prev.rows[i] !== old.row) changed = true;
    } else {
      const row = build(s);
      byId.set(id, { key, key2, row });
      rows[i] = row;
      changed = true;
    }
  }
  return changed ? { rows, byId } : prev;
}
