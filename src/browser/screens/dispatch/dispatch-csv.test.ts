import { describe, expect, it } from 'vitest';
import { feederColumns } from './columns';
import { leafRowsInOrder, tableCsv, tableCsvFileName } from './dispatch-csv';
import type { FeederRow } from './dispatch-rows';

const feeder = (over: Partial<FeederRow>): FeederRow => ({
  id: 'f1',
  nameZh: '高竹1线',
  nameEn: 'Gaozhu 1',
  substationId: 's1',
  substationZh: '高竹站',
  substationEn: 'Gaozhu',
  province: 'sc',
  pKw: 1234.4,
  qKvar: 300,
  iA: 70.2,
  uKv: 10.123,
  powerFactor: 0.97123,
  loadingPct: 81.26,
  state: 'heavy',
  stateRank: 3,
  peakKw: 1500,
  peakAtMs: Date.UTC(2026, 11, 2, 1, 5, 0),
  lastTs: 0,
  search: '',
  ...over,
});

const columns = feederColumns.map((c) => ({ id: c.id as string, meta: c.meta }));

describe('CSV of a dispatcher table', () => {
  it('has the visible columns with units in the header, no sparkline, values plain and in Beijing time', () => {
    const text = tableCsv(columns, [feeder({})], 'zh');
    const [header, row] = text.split('\r\n');
    expect(header).toBe(
      '名称,变电站,省份,有功 P (kW),无功 Q (kvar),电流 I (A),电压 U (kV),功率因数,负载率 (%),状态,今日峰值 (kW),峰值时刻',
    );
    expect(row).toBe('高竹1线,高竹站,sc,1234,300,70,10.12,0.971,81.3,重载,1500,2026-12-02T09:05:00+08:00');
  });

  it('writes names in the language shown and leaves a missing value empty', () => {
    const text = tableCsv(columns, [feeder({ pKw: null, peakAtMs: null })], 'en');
    const row = text.split('\r\n')[1] as string;
    expect(row.startsWith('Gaozhu 1,Gaozhu,sc,,300,')).toBe(true);
    expect(row.endsWith(',1500,')).toBe(true);
  });

  it('lists a grouped model’s devices where their group stands, in the group’s order', () => {
    const leaf = (id: string) => ({ original: id, subRows: [], getIsGrouped: () => false });
    const group = (subRows: ReturnType<typeof leaf>[]) => ({ original: 'g', subRows, getIsGrouped: () => true });
    expect(leafRowsInOrder([group([leaf('b'), leaf('a')]), leaf('c'), group([leaf('d')])])).toEqual([
      'b',
      'a',
      'c',
      'd',
    ]);
  });

  it('names the file by table and Beijing time', () => {
    expect(tableCsvFileName('feeders', Date.UTC(2026, 11, 2, 7, 30, 5))).toBe(
      'gaozhu-dispatch-feeders-2026-12-02T15-30-05.csv',
    );
  });
});
