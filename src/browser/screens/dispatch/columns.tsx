/**
 * Column definitions of the three tables, at module scope (never rebuilt per render: CONVENTIONS, TanStack #6002).
 * Accessors return plain numbers and strings so sorting and filtering compare values, not rendered cells. Every
 * column carries its label in `meta` (the header and the column chooser read it), so a column without one does not
 * compile; the shapes the tables share (names, numbers, province, state) are built by one function each.
 */
import type { ReactNode } from 'react';
import type { Province } from '../../../core/contract/topics';
import type { Lang } from '../../../core/lang';
import { csvNumber, shanghaiIso } from '../../ui/format/csv';
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
import { type DeviceState, STATE_LABEL } from './dispatch-labels';
import { type DispatchMessageId, dt } from './dispatch-messages';
import type { ConnectorRow, FeederRow, PvRow } from './dispatch-rows';
import { numberSort, type SortRule, textSort } from './sort-keys';
import type { GridColumn, GridColumnMeta, GridData } from './use-device-table';

/** A column with its label: what every table column is. */
export type LabelledColumn<R extends GridData> = GridColumn<R> & { meta: GridColumnMeta };

type KeysOf<R, V> = { [K in keyof R]-?: R[K] extends V ? K : never }[keyof R];
type Flags<R extends GridData> = Pick<GridColumn<R>, 'enableGrouping' | 'enableHiding' | 'filterFn'>;
interface Base<R> {
  id: string;
  label: DispatchMessageId;
  unit?: string;
  size: number;
  /** How the column sorts; by its value as text when not given. */
  sort?: SortRule<R>;
}

/** A column's value as exported text: numbers plain, times in Beijing time, names in the dispatcher's language. */
type CsvOf<R> = (row: R, lang: Lang) => string;

function plainCsv(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? csvNumber(v) : String(v);
}

function column<R extends GridData, V>(
  get: (r: R) => V,
  { id, label, unit, size, sort = textSort((r: R) => String(get(r) ?? '')) }: Base<R>,
  cell: (row: R, value: V) => ReactNode,
  rest: Partial<GridColumn<R>>,
  csv: CsvOf<R> = (r) => plainCsv(get(r)),
  csvUnit = unit,
): LabelledColumn<R> {
  return {
    id,
    accessorFn: get,
    meta: {
      label,
      unit,
      csv: csv as GridColumnMeta['csv'],
      csvUnit,
      sortKeys: sort.sortKeys as GridColumnMeta['sortKeys'],
    },
    header: () => <HeaderLabel id={label} unit={unit} />,
    cell: (c: { row: { original: R } }) => cell(c.row.original, get(c.row.original)),
    size,
    sortFn: sort.sortFn,
    ...rest,
  };
}

/** A name in the dispatcher's language (both in the tooltip); the value sorted and filtered on is `key`. */
function nameColumn<R extends GridData>(
  key: KeysOf<R, string>,
  base: Base<R>,
  names: (r: R) => { zh: string; en: string },
  flags: Flags<R> & { withId?: boolean } = {},
): LabelledColumn<R> {
  const { withId, ...rest } = flags;
  return column<R, string>(
    (r) => r[key] as string,
    // Sorted by the Chinese name (not by `key`, which may be an id), filtered on `key`.
    { ...base, sort: textSort((r: R) => names(r).zh) },
    (r) => {
      const n = names(r);
      return <BilingualCell zh={n.zh} en={n.en} sub={withId ? r.id : undefined} />;
    },
    rest,
    (r, lang) => names(r)[lang],
  );
}

function numberColumn<R extends GridData>(
  key: KeysOf<R, number | null>,
  base: Base<R>,
  decimals: number,
  flags: Flags<R> = {},
): LabelledColumn<R> {
  const get = (r: R) => r[key] as number | null;
  return column<R, number | null>(
    get,
    { ...base, sort: numberSort(get) },
    (_r, v) => <NumCell value={v} decimals={decimals} />,
    flags,
    (r) => csvNumber(get(r), decimals),
  );
}

const exact = 'equalsString' as const;

function provinceColumn<R extends GridData & { province: Province }>(flags: Flags<R> = {}): LabelledColumn<R> {
  return column<R, Province>(
    (r) => r.province,
    // Wide enough for "Chongqing" whole at the table's type (64 px showed "Chon···").
    { id: 'province', label: 'col.province', size: 88 },
    (_r, v) => <ProvinceCell province={v} />,
    { filterFn: exact, ...flags },
  );
}

function stateColumn<R extends GridData & { state: DeviceState }>(
  size: number,
  rest: Partial<GridColumn<R>> = {},
  sort?: SortRule<R>,
): LabelledColumn<R> {
  return column<R, DeviceState>(
    (r) => r.state,
    { id: 'state', label: 'col.state', size, sort },
    (_r, v) => <StateBadge state={v} />,
    { filterFn: exact, ...rest },
    (r, lang) => dt(lang, STATE_LABEL[r.state]),
  );
}

const noGroup = { enableGrouping: false } as const;
const fixedName = { enableHiding: false, withId: true } as const;

/** The feeder a PV site or charging station hangs off: its name, filtered on its id. */
function feederColumn<
  R extends GridData & { feederId: string; feederZh: string; feederEn: string },
>(): LabelledColumn<R> {
  return nameColumn<R>(
    // A string key of every such R; TypeScript cannot resolve KeysOf over a generic row type.
    'feederId' as KeysOf<R, string>,
    { id: 'feeder', label: 'col.feeder', size: 190 },
    (r) => ({ zh: r.feederZh, en: r.feederEn }),
    { filterFn: exact },
  );
}

export const feederColumns: LabelledColumn<FeederRow>[] = [
  nameColumn<FeederRow>(
    'nameZh',
    { id: 'name', label: 'col.name', size: 190 },
    (r) => ({ zh: r.nameZh, en: r.nameEn }),
    {
      ...fixedName,
      ...noGroup,
    },
  ),
  nameColumn<FeederRow>(
    'substationId',
    { id: 'substation', label: 'col.substation', size: 150 },
    (r) => ({ zh: r.substationZh, en: r.substationEn }),
    { filterFn: exact },
  ),
  provinceColumn<FeederRow>(noGroup),
  numberColumn<FeederRow>('pKw', { id: 'p', label: 'col.p', unit: 'kW', size: 86 }, 0, noGroup),
  numberColumn<FeederRow>('qKvar', { id: 'q', label: 'col.q', unit: 'kvar', size: 90 }, 0, noGroup),
  numberColumn<FeederRow>('iA', { id: 'i', label: 'col.i', unit: 'A', size: 76 }, 0, noGroup),
  numberColumn<FeederRow>('uKv', { id: 'u', label: 'col.u', unit: 'kV', size: 78 }, 2, noGroup),
  numberColumn<FeederRow>('powerFactor', { id: 'pf', label: 'col.pf', size: 76 }, 3, noGroup),
  column(
    (r: FeederRow) => r.loadingPct,
    { id: 'loading', label: 'col.loading', size: 150, sort: numberSort((r: FeederRow) => r.loadingPct) },
    (r, v) => <LoadingBar pct={v} state={r.state} />,
    noGroup,
    (r) => csvNumber(r.loadingPct, 1),
    '%',
  ),
  // Worst first when ascending: overload, offline, stale, heavy, normal.
  stateColumn<FeederRow>(
    96,
    noGroup,
    numberSort((r) => r.stateRank),
  ),
  numberColumn<FeederRow>('peakKw', { id: 'peak', label: 'col.peak', unit: 'kW', size: 96 }, 0, noGroup),
  column(
    (r: FeederRow) => r.peakAtMs,
    { id: 'peakAt', label: 'col.peakAt', size: 74, sort: numberSort((r: FeederRow) => r.peakAtMs) },
    (_r, v) => <TimeCell ms={v} />,
    noGroup,
    (r) => (r.peakAtMs === null ? '' : shanghaiIso(r.peakAtMs)),
  ),
  {
    id: 'spark',
    meta: { label: 'col.spark' },
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
  },
];

export const pvColumns: LabelledColumn<PvRow>[] = [
  nameColumn<PvRow>(
    'nameZh',
    { id: 'name', label: 'col.name', size: 220 },
    (r) => ({ zh: r.nameZh, en: r.nameEn }),
    fixedName,
  ),
  feederColumn<PvRow>(),
  provinceColumn<PvRow>(),
  numberColumn<PvRow>('kWp', { id: 'kwp', label: 'col.kwp', unit: 'kWp', size: 90 }, 0),
  numberColumn<PvRow>('pKw', { id: 'p', label: 'col.p', unit: 'kW', size: 90 }, 1),
  numberColumn<PvRow>('yieldPct', { id: 'yield', label: 'col.yield', unit: '%', size: 80 }, 0),
  stateColumn<PvRow>(100),
];

export const connectorColumns: LabelledColumn<ConnectorRow>[] = [
  nameColumn<ConnectorRow>(
    'stationZh',
    { id: 'station', label: 'col.station', size: 200 },
    (r) => ({ zh: r.stationZh, en: r.stationEn }),
    fixedName,
  ),
  column(
    (r: ConnectorRow) => r.connectorId,
    { id: 'connector', label: 'col.connector', size: 70 },
    (_r, v) => v,
    {},
  ),
  feederColumn<ConnectorRow>(),
  provinceColumn<ConnectorRow>(),
  column(
    (r: ConnectorRow) => r.type,
    { id: 'type', label: 'col.type', size: 56 },
    (_r, v) => v.toUpperCase(),
    { filterFn: exact },
    (r) => r.type.toUpperCase(),
  ),
  numberColumn<ConnectorRow>('ratedKw', { id: 'rated', label: 'col.rated', unit: 'kW', size: 80 }, 0),
  numberColumn<ConnectorRow>('pKw', { id: 'p', label: 'col.p', unit: 'kW', size: 80 }, 1),
  numberColumn<ConnectorRow>('sessionKwh', { id: 'session', label: 'col.session', unit: 'kWh', size: 96 }, 1),
  stateColumn<ConnectorRow>(100),
];
