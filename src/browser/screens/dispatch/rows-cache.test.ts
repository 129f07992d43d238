import { describe, expect, it } from 'vitest';
import { emptyRowsCache, type RowsCache, rebuildChanged } from './rows-cache';

interface Source {
  id: string;
  view: object;
}
const build = (s: Source) => ({ id: s.id, view: s.view });
const rebuild = (prev: ReturnType<typeof emptyRowsCache<ReturnType<typeof build>>>, sources: Source[]) =>
  rebuildChanged(
    prev,
    sources,
    (s) => s.id,
    (s) => s.view,
    null,
    build,
  );

describe('rebuildChanged', () => {
  const a = { id: 'a', view: {} };
  const b = { id: 'b', view: {} };

  it('returns the previous cache, array and rows when no key changed', () => {
    const first = rebuild(emptyRowsCache(), [a, b]);
    const again = rebuild(first, [a, b]);
    expect(again).toBe(first);
    expect(again.rows).toBe(first.rows);
  });

  it('re-creates only the row whose key changed; the others keep their objects', () => {
    const first = rebuild(emptyRowsCache(), [a, b]);
    const next = rebuild(first, [a, { id: 'b', view: {} }]);
    expect(next.rows).not.toBe(first.rows);
    expect(next.rows[0]).toBe(first.rows[0]);
    expect(next.rows[1]).not.toBe(first.rows[1]);
  });

  it('a new array when the rows are reordered or one is removed, with the same row objects', () => {
    const first = rebuild(emptyRowsCache(), [a, b]);
    const swapped = rebuild(first, [b, a]);
    expect(swapped.rows).toEqual([first.rows[1], first.rows[0]]);
    expect(swapped.rows[0]).toBe(first.rows[1]);
    const fewer = rebuild(first, [a]);
    expect(fewer.rows).toHaveLength(1);
    expect(fewer.rows[0]).toBe(first.rows[0]);
  });

  it('with the same sources array (every refresh of an area), matches rows by place and patches only what changed', () => {
    const views = [{}, {}, {}];
    const sources = ['a', 'b', 'c'].map((id, i) => ({ id, i }));
    const built: string[] = [];
    const run = (prev: RowsCache<{ id: string; view: object }>) =>
      rebuildChanged(
        prev,
        sources,
        (s) => s.id,
        (s) => views[s.i],
        null,
        (s) => {
          built.push(s.id);
          return { id: s.id, view: views[s.i] as object };
        },
      );
    const first = run(emptyRowsCache());
    expect(built).toEqual(['a', 'b', 'c']);
    expect(run(first)).toBe(first);
    views[1] = {};
    const next = run(first);
    expect(built).toEqual(['a', 'b', 'c', 'b']);
    expect(next.rows[0]).toBe(first.rows[0]);
    expect(next.rows[1]?.view).toBe(views[1]);
    expect(next.rows[2]).toBe(first.rows[2]);
    expect(first.rows[1]?.view).not.toBe(views[1]); // the previous cache is untouched
    expect(run(next)).toBe(next);
  });
});
