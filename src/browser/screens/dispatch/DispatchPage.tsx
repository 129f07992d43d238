/**
 * The dispatcher console (`/dispatch`, issue 5): every feeder live in a sortable, filterable, virtualised table (PV
 * sites and charging connectors in two more), the alarms to act on — the live service's, acknowledged on it, so every
 * screen and a reload agree —, the alarm log with its CSV export, a drill-down per feeder, the area load stacked by
 * province, and keyboard operation (`?` lists the keys). Today's peaks, the last-hour
 * sparklines and the area chart start from what the history service recorded before the page was opened
 * (use-dispatch-history.ts), then go on live; without the service they are live-only and a small note says so.
 *
 * Table rows are rebuilt from the store at most twice a second: a dispatcher reads numbers, not frames, and with
 * 10,000 devices re-sorting on every frame would cost the smooth scrolling the desk needs.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Alarm } from '../../../core/domain/alarms/types';
import { useAreaConfig, useRuntime } from '../../live/runtime-context';
import { useLang } from '../../ui/i18n/lang-context';
import { AlarmLogPanel } from './AlarmLog';
import { AlarmPanel, AreaLoadChart, CriticalBanner } from './AlarmPanel';
import { deviceNames, feederOfDevice } from './area-lookups';
import type { GridHandle } from './device-grid';
import styles from './dispatch.module.css';
import { deviceOfRow } from './dispatch-keys';
import { dt } from './dispatch-messages';
import { HelpOverlay, NameDialog } from './dispatch-overlays';
import { ALARMS_COLLAPSED_KEY, readLocal, TAB_KEY, writeLocal } from './dispatch-storage';
import { CONNECTOR_TABLE, FEEDER_TABLE, PV_TABLE, TAB_LABEL, TABS, type Tab } from './dispatch-tables';
import { FeederDrilldown } from './FeederDrilldown';
import { HistoryNote } from './HistoryNote';
import { OutagesTab } from './OutagesTab';
import { OutageTabBadge } from './OutageTabBadge';
import { SubstationScope } from './SubstationScope';
import { SparkSeedContext } from './spark-seed-context';
import { TableTab, type TableTabHandlers } from './TableTab';
import { useAlarmSound } from './use-alarm-sound';
import { useDailyPeaks } from './use-daily-peaks';
import { useDispatchAlarms } from './use-dispatch-alarms';
import { useDispatchHistory } from './use-dispatch-history';
import { useDispatchKeys } from './use-dispatch-keys';
import { useDispatcher } from './use-dispatcher';
import { useSampledDevices } from './use-sampled-devices';
import { useTableRows } from './use-table-rows';

const CLEARED_SHOWN = 200;

function useRememberedTab() {
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => t === readLocal(TAB_KEY)) ?? 'feeders');
  useEffect(() => writeLocal(TAB_KEY, tab), [tab]);
  return [tab, setTab] as const;
}

/**
 * The alarm pane folds away for a wider table (a 1366 laptop), remembered per browser; alarms keep coming in, the
 * banner and sound still fire, and the button to unfold it says how many are active.
 */
function useRememberedAlarmPane() {
  const [collapsed, setCollapsed] = useState(() => readLocal(ALARMS_COLLAPSED_KEY) === '1');
  useEffect(() => writeLocal(ALARMS_COLLAPSED_KEY, collapsed ? '1' : '0'), [collapsed]);
  return [collapsed, setCollapsed] as const;
}

/** In a region the console shows the substation the dispatcher picks (SubstationScope); on one PC, every device. */
export default function DispatchPage() {
  return (
    <SubstationScope>
      <DispatchConsole />
    </SubstationScope>
  );
}

function DispatchConsole() {
  const lang = useLang();
  const area = useAreaConfig();

  const tableScrollingRef = useRef(false);
  const onTableScrolling = useCallback((scrolling: boolean) => {
    tableScrollingRef.current = scrolling;
  }, []);
  const sample = useSampledDevices(tableScrollingRef);
  const apiBaseUrl = useRuntime().runtime.historyBaseUrl;
  const history = useDispatchHistory(apiBaseUrl);
  const peaks = useDailyPeaks(sample, history.feederPeaks, history.asOfMs);
  const [tab, setTab] = useRememberedTab();
  const [alarmsCollapsed, setAlarmsCollapsed] = useRememberedAlarmPane();
  const rows = useTableRows(tab, sample, peaks);
  const names = useMemo(() => deviceNames(area), [area]);
  const feederOf = useMemo(() => feederOfDevice(area), [area]);

  const alarms = useDispatchAlarms();
  const [showCleared, setShowCleared] = useState(false);
  const alarmRows = useMemo(
    () => (showCleared ? [...alarms.active, ...alarms.cleared.slice(0, CLEARED_SHOWN)] : alarms.active),
    [alarms.active, alarms.cleared, showCleared],
  );
  const [selectedAlarmId, setSelectedAlarmId] = useState<string | null>(null);
  const dispatcher = useDispatcher(alarms);
  const sound = useAlarmSound(alarms.attention);

  // Selection (one per table), drill-down, overlays
  const [selected, setSelected] = useState<Record<Tab, string | null>>({
    feeders: null,
    pv: null,
    connectors: null,
    outages: null,
  });
  const onSelect = useCallback((id: string) => setSelected((s) => ({ ...s, [tab]: id })), [tab]);
  const [openFeeder, setOpenFeeder] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const openLog = useCallback(() => {
    setOpenFeeder(null);
    setLogOpen(true);
  }, []);
  const openFor = useCallback(
    (rowId: string) => {
      const deviceId = deviceOfRow(tab, rowId);
      const f = deviceId ? feederOf.get(deviceId) : undefined;
      if (f) {
        setLogOpen(false);
        setOpenFeeder(f);
      }
    },
    [tab, feederOf],
  );
  const openFeederById = useCallback((feederId: string) => {
    setLogOpen(false);
    setOpenFeeder(feederId);
  }, []);
  const selectAlarm = useCallback(
    (a: Alarm) => {
      setSelectedAlarmId(a.id);
      const f = a.feederId;
      if (f && tab === 'feeders') setSelected((s) => ({ ...s, feeders: f }));
    },
    [tab],
  );
  const [help, setHelp] = useState(false);
  const gridRef = useRef<GridHandle>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  useDispatchKeys({
    tab,
    selectedRowId: selected[tab],
    selectedAlarmId,
    alarmRows,
    ackOf: alarms.ackOf,
    askingName: dispatcher.asking !== null,
    help,
    feederOpen: openFeeder !== null || logOpen,
    gridRef,
    filterRef,
    closeNameDialog: dispatcher.cancel,
    setHelp,
    closeFeeder: () => {
      setOpenFeeder(null);
      setLogOpen(false);
    },
    openFor,
    acknowledge: dispatcher.acknowledge,
    setTab,
  });

  const table: TableTabHandlers = {
    gridRef,
    onScrollingChange: onTableScrolling,
    filterInputRef: filterRef,
    selectedId: selected[tab],
    onSelect,
    onOpen: openFor,
  };

  return (
    <div className={styles.page} data-testid="dispatch-page">
      {alarms.attention ? (
        <CriticalBanner
          alarm={alarms.attention}
          names={names}
          onAck={dispatcher.acknowledge}
          onDismiss={alarms.dismissAttention}
        />
      ) : null}
      <div className={styles.body} data-alarms={alarmsCollapsed ? 'collapsed' : 'open'}>
        <section className={styles.left}>
          <div className={styles.tabs} role="tablist">
            {TABS.map((id, i) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                className={styles.tab}
                onClick={() => setTab(id)}
                data-testid={`tab-${id}`}
              >
                {dt(lang, TAB_LABEL[id])}
                {id === 'outages' ? <OutageTabBadge /> : null}
                <kbd>{i + 1}</kbd>
              </button>
            ))}
            <span className={styles.spacer} />
            <HistoryNote history={history} />
            <button
              type="button"
              className={styles.smallButton}
              onClick={() => setHelp(true)}
              data-testid="help-button"
            >
              {dt(lang, 'help.button')}
            </button>
            <button
              type="button"
              className={styles.smallButton}
              aria-expanded={!alarmsCollapsed}
              aria-controls="dispatch-alarm-pane"
              onClick={() => setAlarmsCollapsed((c) => !c)}
              data-testid="alarm-pane-toggle"
            >
              {alarmsCollapsed ? `${dt(lang, 'alarms.expand')} ${alarms.active.length}` : dt(lang, 'alarms.collapse')}
            </button>
          </div>
          <SparkSeedContext.Provider value={history.spark}>
            {tab === 'feeders' ? (
              <TableTab key={tab} spec={FEEDER_TABLE} data={rows.feeders} {...table} />
            ) : tab === 'pv' ? (
              <TableTab key={tab} spec={PV_TABLE} data={rows.pv} {...table} />
            ) : tab === 'connectors' ? (
              <TableTab key={tab} spec={CONNECTOR_TABLE} data={rows.connectors} {...table} />
            ) : (
              <OutagesTab nowMs={sample.nowMs} onOpenFeeder={openFeederById} />
            )}
          </SparkSeedContext.Provider>
        </section>
        <section className={styles.right} id="dispatch-alarm-pane" hidden={alarmsCollapsed}>
          <AlarmPanel
            alarms={alarms}
            rows={alarmRows}
            showCleared={showCleared}
            onShowCleared={setShowCleared}
            muted={sound.muted}
            onToggleMuted={sound.toggleMuted}
            dispatcherName={dispatcher.name}
            onChangeName={dispatcher.askToChange}
            onOpenLog={openLog}
            onAck={dispatcher.acknowledge}
            selectedId={selectedAlarmId}
            onSelect={selectAlarm}
            names={names}
            nowMs={sample.nowMs}
          />
          <AreaLoadChart sample={sample} history={history} />
        </section>
        {openFeeder ? (
          <FeederDrilldown
            feederId={openFeeder}
            onClose={() => setOpenFeeder(null)}
            alarms={[...alarms.active, ...alarms.cleared]}
            ackOf={alarms.ackOf}
          />
        ) : null}
        {logOpen ? (
          <AlarmLogPanel baseUrl={apiBaseUrl} nowMs={sample.nowMs} names={names} onClose={() => setLogOpen(false)} />
        ) : null}
      </div>
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      {dispatcher.asking ? (
        <NameDialog initial={dispatcher.name ?? ''} onCancel={dispatcher.cancel} onSave={dispatcher.save} />
      ) : null}
    </div>
  );
}
