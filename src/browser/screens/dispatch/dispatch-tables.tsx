/**
 * The console's three tables as data: what differs between feeders, PV sites and connectors (columns, storage key,
 * default sort, filters, grouping), so one TableTab serves all three.
 */
import type { ReactNode } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Lang } from '../../../core/lang';
import { formatPower } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';
import { connectorColumns, feederColumns, type LabelledColumn, pvColumns } from './columns';
import styles from './dispatch.module.css';
import { type DeviceState, STATE_LABEL } from './dispatch-labels';
import { type DispatchMessageId, dt } from './dispatch-messages';
import { type ConnectorRow, FEEDER_STATES, type FeederRow, type PvRow } from './dispatch-rows';
import type { GridData, GridRow, GridSettings } from './use-device-table';

/** The device tables, and the outage and switching list (OutagesTab.tsx, not a device table). */
export type Tab = 'feeders' | 'pv' | 'connectors' | 'outages';
export const TABS: readonly Tab[] = ['feeders', 'pv', 'connectors', 'outages'];
export const TAB_LABEL: Record<Tab, DispatchMessageId> = {
  feeders: 'tab.feeders',
  pv: 'tab.pv',
  connectors: 'tab.connectors',
  outages: 'tab.outages',
};

export interface SelectFilter {
  columnId: string;
  allLabel: DispatchMessageId;
  options: readonly { value: string; label: string }[];
}

export interface TableSpec<T extends GridData> {
  tab: Tab;
  testId: string;
  columns: LabelledColumn<T>[];
  storageKey: string;
  defaults: Partial<GridSettings>;
  /** The states offered by the state filter, in the order shown. */
  states: readonly DeviceState[];
  /** Filtered and grouped by substation too. */
  bySubstation?: boolean;
  renderGroup?: (row: GridRow<T>) => ReactNode;
  rowClass?: (row: T) => string | undefined;
}

/** A substation group's heading: name, feeder count, summed P and how many feeders are in trouble. */
function FeederGroupLabel({ row }: { row: GridRow<FeederRow> }) {
  const lang = useLang();
  const leaves = row.subRows.map((r) => r.original);
  const first = leaves[0];
  const sumKw = leaves.reduce((s, r) => s + (r.pKw ?? 0), 0);
  const worst = leaves.filter((r) => r.state === 'overload' || r.state === 'offline' || r.state === 'stale').length;
  return (
    <span className={styles.groupLabel} data-testid="group-row">
      <b>{first ? (lang === 'zh' ? first.substationZh : first.substationEn) : String(row.groupingValue)}</b>
      <span className="num">
        {' '}
        · {leaves.length} · {formatPower(sumKw, lang).text}
        {worst ? ` · ⚠ ${worst}` : ''}
      </span>
    </span>
  );
}

export const FEEDER_TABLE: TableSpec<FeederRow> = {
  tab: 'feeders',
  testId: 'feeder-table',
  columns: feederColumns,
  storageKey: 'gaozhu.dispatch.grid.feeders.v1',
  defaults: { sorting: [{ id: 'loading', desc: true }] },
  states: FEEDER_STATES,
  bySubstation: true,
  renderGroup: (row) => <FeederGroupLabel row={row} />,
  rowClass: (r) => (r.state === 'stale' || r.state === 'offline' || r.state === 'no-data' ? styles.dim : undefined),
};

export const PV_TABLE: TableSpec<PvRow> = {
  tab: 'pv',
  testId: 'pv-table',
  columns: pvColumns,
  storageKey: 'gaozhu.dispatch.grid.pv.v1',
  defaults: {},
  states: ['producing', 'idle', 'tripped', 'stale', 'offline', 'no-data'],
};

export const CONNECTOR_TABLE: TableSpec<ConnectorRow> = {
  tab: 'connectors',
  testId: 'connector-table',
  columns: connectorColumns,
  storageKey: 'gaozhu.dispatch.grid.connectors.v1',
  defaults: {},
  states: ['available', 'charging', 'faulted', 'unavailable', 'stale', 'offline'],
};

/** The select filters of a table: province, substation (feeders only, those with feeders) and state. */
export function selectFilters(
  spec: Pick<TableSpec<GridData>, 'states' | 'bySubstation'>,
  area: AreaConfig,
  lang: Lang,
): SelectFilter[] {
  const province: SelectFilter = {
    columnId: 'province',
    allLabel: 'filter.allProvinces',
    options: [
      { value: 'sc', label: t(lang, 'sichuan') },
      { value: 'cq', label: t(lang, 'chongqing') },
    ],
  };
  const substation: SelectFilter = {
    columnId: 'substation',
    allLabel: 'filter.allSubstations',
    options: area.substations
      .filter((s) => area.feeders.some((f) => f.substationId === s.id))
      .map((s) => ({ value: s.id, label: s.name[lang] })),
  };
  const state: SelectFilter = {
    columnId: 'state',
    allLabel: 'filter.allStates',
    options: spec.states.map((s) => ({ value: s, label: dt(lang, STATE_LABEL[s]) })),
  };
  return spec.bySubstation ? [province, substation, state] : [province, state];
}
