import { describe, expect, it } from 'vitest';
import { connectorColumns, feederColumns, pvColumns } from './columns';
import { numberSort } from './sort-keys';

describe('numberSort (the numeric columns’ sort)', () => {
  const rows = [3, null, -2, 10, 0, null, 7].map((v, i) => ({ original: { i, v } }));
  const cmp = numberSort<{ i: number; v: number | null }>((r) => r.v).sortFn;

  it('orders numbers ascending, devices without a value below every number', () => {
    expect([...rows].sort(cmp).map((r) => r.original.v)).toEqual([null, null, -2, 0, 3, 7, 10]);
  });

  it('so a descending sort (the comparison reversed, as TanStack does) puts them last', () => {
    expect([...rows].sort((a, b) => -cmp(a, b)).map((r) => r.original.v)).toEqual([10, 7, 3, 0, -2, null, null]);
  });

  it('equal values compare equal (the table keeps their previous order)', () => {
    expect(cmp({ original: { i: 0, v: 5 } }, { original: { i: 1, v: 5 } })).toBe(0);
  });
});

describe('column labels', () => {
  it('every column of the three tables carries the label its header and the column chooser show', () => {
    for (const c of [...feederColumns, ...pvColumns, ...connectorColumns]) expect(c.meta.label).toBe(`col.${c.id}`);
  });
});

describe('text columns sort by one collator (pinyin, numbers by value)', () => {
  const rows = ['重庆站', '北碚站', '高竹10线', '安居站', '高竹2线'].map((n) => ({ original: { n } }));
  const sorted = (id: string) => {
    const col = feederColumns.find((c) => c.id === id);
    const fn = col?.sortFn as (a: unknown, b: unknown) => number;
    const feederRows = rows.map((r) => ({ original: { nameZh: r.original.n, substationZh: r.original.n } }));
    return [...feederRows].sort(fn).map((r) => r.original.nameZh);
  };

  it('名称 and 变电站 give the same pinyin order', () => {
    // 重庆 is chóngqìng: between 北碚 (běi) and 高竹 (gāo).
    const want = ['安居站', '北碚站', '重庆站', '高竹2线', '高竹10线'];
    expect(sorted('name')).toEqual(want);
    expect(sorted('substation')).toEqual(want);
  });
});
