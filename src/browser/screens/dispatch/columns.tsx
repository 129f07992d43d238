/**
 * Column definitions of the three tables, at module scope (never rebuilt per render: CONVENTIONS, TanStack #6002).
 * Accessors return plain numbers and strings so sorting and filtering compare values, not rendered cells.
 */
import { createColumnHelper } from '@tanstack/react-table';
import {
  BilingualCell,
  HeaderLabel,
  LoadingBar,
  NumCell,
  ProvinceCell,
  Sparkline,
  StateBadge,
  TimeCell,
} from './cells';
import type { ConnectorRow, FeederRow, PvRow } from './dispatch-rows';
import type { GridFeatures } from './use-device-table';

/**
 * Sorts by a number straight from the row data, a device without a value below every number (so it sinks to the
 * bottom of a descending sort, the dispatcher's usual one). TanStack's default looks each value up through the row's
 * value cache on every comparison; 10,000 rows are about 130,000 comparisons per sort.
 */
export function byNumber<R>(get: (r: R) => number | null) {
  return (a: { original: R }, b: { original: R }) => {
    const x = get(a.original) ?? Number.NEGATIVE_INFINITY;
    const y = get(b.original) ?? Number.NEGATIVE_INFINITY;
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

const fh = createColumnHelper<GridFeatures, FeederRow>();
const exact = 'equalsString' as const;

export const feederColumns = fh.columns([
  fh.accessor('nameZh', {
    id: 'name',
    header: () => <HeaderLabel id="col.name" />,
    cell: (c) => <BilingualCell zh={c.row.original.nameZh} en={c.row.original.nameEn} sub={c.row.original.id} />,
    size: 190,
    sortFn: 'alphanumeric',
    enableHiding: false,
    enableGrouping: false,
  }),
  fh.accessor('substationId', {
    id: 'substation',
    header: () => <HeaderLabel id="col.substation" />,
    cell: (c) => <BilingualCell zh={c.row.original.substationZh} en={c.row.original.substationEn} />,
    size: 150,
    filterFn: exact,
    sortFn: 'alphanumeric',
  }),
  fh.accessor('province', {
    id: 'province',
    header: () => <HeaderLabel id="col.province" />,
    cell: (c) => <ProvinceCell province={c.getValue()} />,
    size: 64,
    filterFn: exact,
    enableGrouping: false,
  }),
  fh.accessor('pKw', {
    id: 'p',
    sortFn: byNumber((r) => r.pKw),
    header: () => <HeaderLabel id="col.p" unit="kW" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={0} />,
    size: 86,
    enableGrouping: false,
  }),
  fh.accessor('qKvar', {
    id: 'q',
    sortFn: byNumber((r) => r.qKvar),
    header: () => <HeaderLabel id="col.q" unit="kvar" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={0} />,
    size: 90,
    enableGrouping: false,
  }),
  fh.accessor('iA', {
    id: 'i',
    sortFn: byNumber((r) => r.iA),
    header: () => <HeaderLabel id="col.i" unit="A" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={0} />,
    size: 76,
    enableGrouping: false,
  }),
  fh.accessor('uKv', {
    id: 'u',
    sortFn: byNumber((r) => r.uKv),
    header: () => <HeaderLabel id="col.u" unit="kV" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={2} />,
    size: 78,
    enableGrouping: false,
  }),
  fh.accessor('powerFactor', {
    id: 'pf',
    sortFn: byNumber((r) => r.powerFactor),
    header: () => <HeaderLabel id="col.pf" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={3} />,
    size: 76,
    enableGrouping: false,
  }),
  fh.accessor('loadingPct', {
    id: 'loading',
    sortFn: byNumber((r) => r.loadingPct),
    header: () => <HeaderLabel id="col.loading" />,
    cell: (c) => <LoadingBar pct={c.getValue()} state={c.row.original.state} />,
    size: 150,
    enableGrouping: false,
  }),
  fh.accessor('state', {
    id: 'state',
    header: () => <HeaderLabel id="col.state" />,
    cell: (c) => <StateBadge state={c.getValue()} />,
    size: 96,
    filterFn: exact,
    // Worst first when ascending: overload, offline, stale, heavy, normal.
    sortFn: (a, b) => a.original.stateRank - b.original.stateRank,
    enableGrouping: false,
  }),
  fh.accessor('peakKw', {
    id: 'peak',
    sortFn: byNumber((r) => r.peakKw),
    header: () => <HeaderLabel id="col.peak" unit="kW" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={0} />,
    size: 96,
    enableGrouping: false,
  }),
  fh.accessor('peakAtMs', {
    id: 'peakAt',
    sortFn: byNumber((r) => r.peakAtMs),
    header: () => <HeaderLabel id="col.peakAt" />,
    cell: (c) => <TimeCell ms={c.getValue()} />,
    size: 74,
    enableGrouping: false,
  }),
  fh.display({
    id: 'spark',
    header: () => <HeaderLabel id="col.spark" />,
    cell: (c) => (
      <Sparkline
        id={c.row.original.id}
        minute={c.row.original.lastTs === null ? null : Math.floor(c.row.original.lastTs / 60_000)}
      />
    ),
    size: 110,
    enableSorting: false,
    enableResizing: false,
  }),
]);

const ph = createColumnHelper<GridFeatures, PvRow>();
export const pvColumns = ph.columns([
  ph.accessor('nameZh', {
    id: 'name',
    header: () => <HeaderLabel id="col.name" />,
    cell: (c) => <BilingualCell zh={c.row.original.nameZh} en={c.row.original.nameEn} sub={c.row.original.id} />,
    size: 220,
    sortFn: 'alphanumeric',
    enableHiding: false,
  }),
  ph.accessor('feederId', {
    id: 'feeder',
    header: () => <HeaderLabel id="col.feeder" />,
    cell: (c) => <BilingualCell zh={c.row.original.feederZh} en={c.row.original.feederEn} />,
    size: 190,
    filterFn: exact,
  }),
  ph.accessor('province', {
    id: 'province',
    header: () => <HeaderLabel id="col.province" />,
    cell: (c) => <ProvinceCell province={c.getValue()} />,
    size: 64,
    filterFn: exact,
  }),
  ph.accessor('kWp', {
    id: 'kwp',
    sortFn: byNumber((r) => r.kWp),
    header: () => <HeaderLabel id="col.kwp" unit="kWp" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={0} />,
    size: 90,
  }),
  ph.accessor('pKw', {
    id: 'p',
    sortFn: byNumber((r) => r.pKw),
    header: () => <HeaderLabel id="col.p" unit="kW" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={1} />,
    size: 90,
  }),
  ph.accessor('yieldPct', {
    id: 'yield',
    sortFn: byNumber((r) => r.yieldPct),
    header: () => <HeaderLabel id="col.yield" unit="%" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={0} />,
    size: 80,
  }),
  ph.accessor('state', {
    id: 'state',
    header: () => <HeaderLabel id="col.state" />,
    cell: (c) => <StateBadge state={c.getValue()} />,
    size: 100,
    filterFn: exact,
  }),
]);

const ch = createColumnHelper<GridFeatures, ConnectorRow>();
export const connectorColumns = ch.columns([
  ch.accessor('stationZh', {
    id: 'station',
    header: () => <HeaderLabel id="col.station" />,
    cell: (c) => <BilingualCell zh={c.row.original.stationZh} en={c.row.original.stationEn} sub={c.row.original.id} />,
    size: 200,
    sortFn: 'alphanumeric',
    enableHiding: false,
  }),
  ch.accessor('connectorId', {
    id: 'connector',
    header: () => <HeaderLabel id="col.connector" />,
    size: 70,
  }),
  ch.accessor('feederId', {
    id: 'feeder',
    header: () => <HeaderLabel id="col.feeder" />,
    cell: (c) => <BilingualCell zh={c.row.original.feederZh} en={c.row.original.feederEn} />,
    size: 190,
    filterFn: exact,
  }),
  ch.accessor('province', {
    id: 'province',
    header: () => <HeaderLabel id="col.province" />,
    cell: (c) => <ProvinceCell province={c.getValue()} />,
    size: 64,
    filterFn: exact,
  }),
  ch.accessor('type', {
    id: 'type',
    header: () => <HeaderLabel id="col.type" />,
    cell: (c) => c.getValue().toUpperCase(),
    size: 56,
    filterFn: exact,
  }),
  ch.accessor('ratedKw', {
    id: 'rated',
    sortFn: byNumber((r) => r.ratedKw),
    header: () => <HeaderLabel id="col.rated" unit="kW" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={0} />,
    size: 80,
  }),
  ch.accessor('pKw', {
    id: 'p',
    sortFn: byNumber((r) => r.pKw),
    header: () => <HeaderLabel id="col.p" unit="kW" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={1} />,
    size: 80,
  }),
  ch.accessor('sessionKwh', {
    id: 'session',
    sortFn: byNumber((r) => r.sessionKwh),
    header: () => <HeaderLabel id="col.session" unit="kWh" />,
    cell: (c) => <NumCell value={c.getValue()} decimals={1} />,
    size: 96,
  }),
  ch.accessor('state', {
    id: 'state',
    header: () => <HeaderLabel id="col.state" />,
    cell: (c) => <StateBadge state={c.getValue()} />,
    size: 100,
    filterFn: exact,
  }),
]);
