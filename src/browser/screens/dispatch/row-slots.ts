/**
 * Which <tr> element shows which row of a virtualised grid, and in which DOM order.
 *
 * Rows are drawn by <tr> elements kept in a pool: a row scrolling out frees its element and the next row scrolling in
 * takes it over, in place. Chromium then only updates the element's text and attributes; a new or a moved element has
 * its whole subtree's style recalculated and laid out (about 70 µs an element here, 22 elements a row), which was most
 * of a fling's frame (tests/bench/README.md, 2026-12-04).
 *
 * While the grid scrolls, the elements keep their DOM places (rows are positioned by transform, so DOM order is not
 * what the eye sees). Once it rests, the DOM order is put back to the on-screen order, the order assistive technology
 * and anyone reading the DOM expect; `aria-rowindex` says each row's place meanwhile.
 */

/** One rendered row: the grid row index it shows and the pool element (its React key) that shows it. */
export interface PlacedRow {
  readonly index: number;
  readonly slot: number;
}

export interface RowSlots {
  /** In DOM order. */
  readonly rows: readonly PlacedRow[];
  /** The next new element's number; numbers are never reused for a different element. */
  readonly nextSlot: number;
}

export const NO_ROWS: RowSlots = { rows: [], nextSlot: 0 };

/**
 * The placement for the rows now rendered (`indices`, ascending), from the previous one. A row still rendered keeps
 * its element; new rows take the freed elements before new ones are made. Scrolling keeps DOM places; at rest the
 * DOM order is the index order.
 */
export function placeRows(prev: RowSlots, indices: readonly number[], scrolling: boolean): RowSlots {
  const wanted = new Set(indices);
  const slotOf = new Map<number, number>();
  const freed: number[] = [];
  for (const row of prev.rows) {
    if (wanted.has(row.index)) slotOf.set(row.index, row.slot);
    else freed.push(row.slot);
  }
  let nextSlot = prev.nextSlot;
  // Entering rows in index order take freed elements in their DOM order: a fling down fills the elements that left
  // the top with the rows entering at the bottom, one for one.
  let reuse = 0;
  for (const index of indices) {
    if (slotOf.has(index)) continue;
    slotOf.set(index, reuse < freed.length ? (freed[reuse++] as number) : nextSlot++);
  }
  const inIndexOrder = indices.map((index) => ({ index, slot: slotOf.get(index) as number }));
  if (!scrolling) return { rows: inIndexOrder, nextSlot };
  const indexOfSlot = new Map(inIndexOrder.map((r) => [r.slot, r.index]));
  const rows: PlacedRow[] = [];
  const placedSlots = new Set<number>();
  for (const { slot } of prev.rows) {
    const index = indexOfSlot.get(slot);
    if (index === undefined) continue; // an element no longer needed
    rows.push({ index, slot });
    placedSlots.add(slot);
  }
  for (const r of inIndexOrder) if (!placedSlots.has(r.slot)) rows.push(r); // new elements go last
  return { rows, nextSlot };
}
