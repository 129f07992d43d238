/**
 * The dispatcher console (`/dispatch`, issue 5): every feeder live in a sortable, filterable, virtualised table (PV
 * sites and charging connectors in two more), the alarms to act on with shared acknowledgements, a drill-down per
 * feeder, the area load stacked by province, and keyboard operation (`?` lists the keys). Today's peaks, the last-hour
 * sparklines and the area chart start from what the history service recorded before the page was opened
 * (use-dispatch-history.ts), then go on live; without the service they are live-only and a small note says so.
 *
 * Table rows are rebuilt from the store at most twice a second: a dispatcher reads numbers, not frames, and with
 * 10,000 devices re-sorting on every frame would cost the smooth scrolling the desk needs.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Alarm } from '../../../core/domain/alarms';
import { alarmDisplayState, compareAlarms } from '../../../core/domain/alarms';
import { dayStartMs, formatHourMinute } from '../../../core/time/shanghai';
import { tableRowsPeriodMs } from '../../live/pace';
import { useAreaConfig, useRuntime, useTelemetryStore } from '../../live/runtime-context';
import type { DeviceView, SeriesReader } from '../../live/telemetry-store';
import { Chart } from '../../ui/charts/Chart';
import { formatPower } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';
import { AlarmList, formatAlarmValue } from './AlarmList';
import { connectorColumns, feederColumns, loadingMarks, pvColumns } from './columns';
import type { GridHandle, GridRow } from './device-grid';
import styles from './dispatch.module.css';
import { buildAreaByProvinceOption } from './dispatch-charts';
import { mergeAreaByProvince, mergeDailyPeak } from './dispatch-history';
import { type DispatchMessageId, dt } from './dispatch-messages';
import {
  buildConnectorRows,
  buildFeederRows,
  buildPvRows,
  type ConnectorRow,
  connectorSources,
  type DailyPeak,
  emptyRowsCache,
  FEEDER_STATES,
  type FeederRow,
  feederSources,
  type PvRow,
  pvSources,
  type RowsCache,
  updateDailyPeak,
} from './dispatch-rows';
import { FeederDrilldown } from './FeederDrilldown';
import { SparkSeedContext } from './spark-seed-context';
import { TableTab } from './TableTab';
import { useDispatchAlarms } from './use-dispatch-alarms';
import { type DispatchHistory, useDispatchHistory } from './use-dispatch-history';

type Tab = 'feeders' | 'pv' | 'connectors';
const TABS: Tab[] = ['feeders', 'pv', 'connectors'];
const TAB_LABEL: Record<Tab, DispatchMessageId> = {
  feeders: 'tab.feeders',
  pv: 'tab.pv',
  connectors: 'tab.connectors',
};
/** Live only: the store's hour. With history: since local midnight, at least the last three hours. */
const AREA_WINDOW_MS = 60 * 60_000;
const AREA_MIN_HISTORY_WINDOW_MS = 3 * 60 * 60_000;
const NAME_KEY = 'gaozhu.dispatch.dispatcherName';
const MUTE_KEY = 'gaozhu.dispatch.muted';
const TAB_KEY = 'gaozhu.dispatch.tab';
const AREA_PALETTE = { sc: '#7aa2ff', cq: '#ff9f7a', text: '#93a9bd', grid: '#1d3750' };

const readLocal = (key: string): string | null => {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
};
const writeLocal = (key: string, value: string) => {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    /* storage disabled: remembered for this session only */
  }
};

/**
 * The store's device views, sampled at most every tableRowsPeriodMs (and only when the snapshot changed), and not
 * while `holdRef` says the dispatcher is scrolling a table: rows then hold still under the eye (no re-sort moves them,
 * no values jump) and the frames go to scrolling; the next sample comes within a period after scrolling stops.
 */
function useSampledDevices(holdRef: { readonly current: boolean }): {
  devices: ReadonlyMap<string, DeviceView>;
  nowMs: number;
  series: SeriesReader;
} {
  const store = useTelemetryStore();
  const [sample, setSample] = useState(() => {
    const s = store.getSnapshot();
    return { devices: s.devices, nowMs: s.nowMs, series: s.series, version: s.version };
  });
  useEffect(() => {
    const id = setInterval(() => {
      if (holdRef.current) return;
      const s = store.getSnapshot();
      setSample((prev) =>
        prev.version === s.version
          ? prev
          : { devices: s.devices, nowMs: s.nowMs, series: s.series, version: s.version },
      );
    }, tableRowsPeriodMs(store.getSnapshot().devices.size));
    return () => clearInterval(id);
  }, [store, holdRef]);
  return sample;
}

/**
 * A short two-tone beep through WebAudio (no file to ship), at most one per BEEP_GAP_MS so a burst of alarms is one
 * sound; one AudioContext for the page. Silently nothing where audio is not allowed yet (before any user gesture).
 */
const BEEP_GAP_MS = 10_000;
let audio: AudioContext | null = null;
let lastBeepMs = 0;
function beep(): void {
  const now = Date.now();
  if (now - lastBeepMs < BEEP_GAP_MS) return;
  lastBeepMs = now;
  try {
    const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    const ctx = audio;
    if (ctx.state === 'suspended') void ctx.resume();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.connect(gain).connect(ctx.destination);
    gain.gain.value = 0.08;
    osc.frequency.setValueAtTime(880, ctx.currentTime);
    osc.frequency.setValueAtTime(660, ctx.currentTime + 0.18);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
  } catch {
    /* no audio: the banner is the signal */
  }
}

export default function DispatchPage() {
  const lang = useLang();
  const area = useAreaConfig();
  loadingMarks.heavyPct = area.thresholds.heavyLoadingPct;
  loadingMarks.overloadPct = area.thresholds.overloadLoadingPct;

  const tableScrollingRef = useRef(false);
  const onTableScrolling = useCallback((scrolling: boolean) => {
    tableScrollingRef.current = scrolling;
  }, []);
  const { devices, nowMs, series } = useSampledDevices(tableScrollingRef);
  const history = useDispatchHistory(useRuntime().runtime.historyBaseUrl);
  const historyPeaks = history.feederPeaks;

  // Today's peak per feeder, tracked from every sample this screen sees (seeded from the store's minute means), then
  // joined to the history service's peak of the day: the higher of the two, with its time.
  const peaksRef = useRef(new Map<string, DailyPeak>());
  const seenTsRef = useRef(new Map<string, number | null>());
  const mergedPeaksRef = useRef(new Map<string, DailyPeak>());
  const peaks = useMemo(() => {
    const day = dayStartMs(nowMs || history.asOfMs || Date.now());
    const m = peaksRef.current;
    for (const f of area.feeders) {
      const v = devices.get(f.id);
      if (!v || v.lastTs === null || seenTsRef.current.get(f.id) === v.lastTs) continue;
      if (!seenTsRef.current.has(f.id))
        for (const [ts, p] of series.deviceMinutes(f.id, day)) {
          const next = updateDailyPeak(m.get(f.id), ts, p, day);
          if (next) m.set(f.id, next);
        }
      seenTsRef.current.set(f.id, v.lastTs);
      const p = (v.latest as { pKw?: number } | null)?.pKw;
      if (typeof p === 'number') {
        const next = updateDailyPeak(m.get(f.id), v.lastTs, p, day);
        if (next) m.set(f.id, next);
        else m.delete(f.id);
      }
    }
    const merged = mergedPeaksRef.current;
    for (const f of area.feeders) {
      const p = mergeDailyPeak(m.get(f.id), historyPeaks?.get(f.id), day);
      if (p) merged.set(f.id, p);
      else merged.delete(f.id);
    }
    // A new wrapper per run (the map itself is reused), so the rows below re-run when a history answer alone arrives.
    return { byId: merged as ReadonlyMap<string, DailyPeak> };
  }, [devices, nowMs, area, series, historyPeaks, history.asOfMs]);

  const fSources = useMemo(() => feederSources(area), [area]);
  const pSources = useMemo(() => pvSources(area), [area]);
  const cSources = useMemo(() => connectorSources(area), [area]);
  const feederCache = useRef<RowsCache<FeederRow>>(emptyRowsCache());
  const pvCache = useRef<RowsCache<PvRow>>(emptyRowsCache());
  const connCache = useRef<RowsCache<ConnectorRow>>(emptyRowsCache());
  const [tab, setTab] = useState<Tab>(() => {
    const saved = readLocal(TAB_KEY) as Tab | null;
    return saved && TABS.includes(saved) ? saved : 'feeders';
  });
  useEffect(() => writeLocal(TAB_KEY, tab), [tab]);

  // Only the visible tab's rows are rebuilt.
  const feederRows = useMemo(() => {
    if (tab !== 'feeders') return feederCache.current.rows;
    feederCache.current = buildFeederRows(feederCache.current, fSources, { area, views: devices, peaks: peaks.byId });
    return feederCache.current.rows;
  }, [tab, fSources, area, devices, peaks]);
  const pvRows = useMemo(() => {
    if (tab !== 'pv') return pvCache.current.rows;
    pvCache.current = buildPvRows(pvCache.current, pSources, devices);
    return pvCache.current.rows;
  }, [tab, pSources, devices]);
  const connRows = useMemo(() => {
    if (tab !== 'connectors') return connCache.current.rows;
    connCache.current = buildConnectorRows(connCache.current, cSources, devices);
    return connCache.current.rows;
  }, [tab, cSources, devices]);

  const names = useMemo(() => {
    const m = new Map<string, { zh: string; en: string }>();
    for (const d of [...area.substations, ...area.feeders, ...area.pvSites, ...area.chargingStations])
      m.set(d.id, d.name);
    return m;
  }, [area]);
  const feederOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of area.feeders) m.set(f.id, f.id);
    for (const p of area.pvSites) m.set(p.id, p.feederId);
    for (const c of area.chargingStations) m.set(c.id, c.feederId);
    return m;
  }, [area]);

  // Alarms
  const alarms = useDispatchAlarms();
  const [showCleared, setShowCleared] = useState(false);
  const alarmRows = useMemo(
    () => (showCleared ? [...alarms.active, ...alarms.cleared.slice(0, 200)] : alarms.active),
    [alarms.active, alarms.cleared, showCleared],
  );
  const [selectedAlarmId, setSelectedAlarmId] = useState<string | null>(null);
  const [dispatcher, setDispatcher] = useState<string | null>(() => readLocal(NAME_KEY));
  const [askName, setAskName] = useState<Alarm | 'change' | null>(null);
  const [muted, setMuted] = useState(() => readLocal(MUTE_KEY) === '1');
  useEffect(() => writeLocal(MUTE_KEY, muted ? '1' : '0'), [muted]);
  const lastBeeped = useRef<string | null>(null);
  useEffect(() => {
    const a = alarms.attention;
    if (!a || muted || lastBeeped.current === a.id) return;
    lastBeeped.current = a.id;
    beep();
  }, [alarms.attention, muted]);

  const acknowledge = useCallback(
    (a: Alarm) => {
      if (!dispatcher) {
        setAskName(a);
        return;
      }
      alarms.acknowledge(a, dispatcher);
    },
    [dispatcher, alarms.acknowledge],
  );

  // Selection, drill-down, overlays
  const [selected, setSelected] = useState<Record<Tab, string | null>>({ feeders: null, pv: null, connectors: null });
  const selectedId = selected[tab];
  const onSelect = useCallback((id: string) => setSelected((s) => ({ ...s, [tab]: id })), [tab]);
  const [openFeeder, setOpenFeeder] = useState<string | null>(null);
  const openFor = useCallback(
    (id: string) => {
      const deviceId = tab === 'connectors' ? id.split('/')[0] : id;
      const f = deviceId ? feederOf.get(deviceId) : undefined;
      if (f) setOpenFeeder(f);
    },
    [tab, feederOf],
  );
  const [help, setHelp] = useState(false);
  const gridRef = useRef<GridHandle>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const selectAlarm = useCallback(
    (a: Alarm) => {
      setSelectedAlarmId(a.id);
      const f = a.feederId;
      if (f && tab === 'feeders') setSelected((s) => ({ ...s, feeders: f }));
    },
    [tab],
  );

  // Keyboard: global, except while typing in a field (where only Esc counts).
  const keyState = useRef({
    tab,
    selectedId,
    selectedAlarmId,
    alarmRows,
    openFeeder,
    help,
    askName,
    acknowledge,
    openFor,
    alarms,
  });
  keyState.current = {
    tab,
    selectedId,
    selectedAlarmId,
    alarmRows,
    openFeeder,
    help,
    askName,
    acknowledge,
    openFor,
    alarms,
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keyState.current;
      const el = e.target as HTMLElement | null;
      const typing = !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
      if (e.key === 'Escape') {
        if (k.askName) setAskName(null);
        else if (k.help) setHelp(false);
        else if (typing) el?.blur();
        else if (k.openFeeder) setOpenFeeder(null);
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey || k.askName) return;
      if (e.key === '/') {
        e.preventDefault();
        filterRef.current?.focus();
      } else if (e.key === '?') {
        setHelp((h) => !h);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        gridRef.current?.move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Enter') {
        const id = gridRef.current?.selected();
        if (id) k.openFor(id);
      } else if (e.key === 'a') {
        // The selected alarm if there is one, else the worst unacknowledged alarm of the selected device.
        const deviceId = k.tab === 'connectors' ? k.selectedId?.split('/')[0] : k.selectedId;
        const pick =
          k.alarmRows.find((a) => a.id === k.selectedAlarmId && alarmDisplayState(a, k.alarms.ackOf(a)) === 'active') ??
          [...k.alarmRows]
            .filter((a) => a.deviceId === deviceId && alarmDisplayState(a, k.alarms.ackOf(a)) === 'active')
            .sort(compareAlarms)[0];
        if (pick) k.acknowledge(pick);
      } else if (e.key === '1' || e.key === '2' || e.key === '3') {
        setTab(TABS[Number(e.key) - 1] as Tab);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Area load by province: history since local midnight, then live (redrawn at the sampled pace).
  const historyArea = history.area;
  const areaOption = useMemo(() => {
    const endMs = nowMs || history.asOfMs || Date.now();
    const windowMs = historyArea ? Math.max(AREA_MIN_HISTORY_WINDOW_MS, endMs - dayStartMs(endMs)) : AREA_WINDOW_MS;
    const sinceMs = endMs - windowMs;
    const joined = mergeAreaByProvince(
      historyArea,
      {
        sc: series.area('sc', 'consumptionKw', sinceMs),
        cq: series.area('cq', 'consumptionKw', sinceMs),
      },
      sinceMs,
    );
    return buildAreaByProvinceOption({
      nowMs: endMs,
      windowMs,
      sc: joined.sc,
      cq: joined.cq,
      labels: { sc: t(lang, 'sichuan'), cq: t(lang, 'chongqing'), unit: 'MW' },
      palette: AREA_PALETTE,
    });
  }, [nowMs, series, lang, historyArea, history.asOfMs]);

  const substationOptions = useMemo(
    () =>
      area.substations
        .filter((s) => area.feeders.some((f) => f.substationId === s.id))
        .map((s) => ({ value: s.id, label: s.name[lang] })),
    [area, lang],
  );
  const provinceOptions = useMemo(
    () => [
      { value: 'sc', label: t(lang, 'sichuan') },
      { value: 'cq', label: t(lang, 'chongqing') },
    ],
    [lang],
  );
  const stateOptions = (states: readonly string[]) =>
    states.map((s) => ({ value: s, label: dt(lang, `state.${s}` as DispatchMessageId) }));

  const renderFeederGroup = useCallback(
    (row: GridRow<FeederRow>) => {
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
    },
    [lang],
  );

  const activeCount = alarms.active.length;
  // Counted once per change of the alarms or acknowledgements, not on every render (an alarm storm is thousands).
  const unacked = useMemo(() => alarms.active.filter((a) => !alarms.ackOf(a)).length, [alarms.active, alarms.ackOf]);
  const attention = alarms.attention;

  return (
    <div className={styles.page} data-testid="dispatch-page">
      {attention ? (
        <div className={styles.banner} role="alert" data-testid="critical-banner">
          <span className={styles.bannerGlyph} aria-hidden>
            ⬣
          </span>
          <b>{dt(lang, 'alarms.newCritical')}</b>
          <span>
            {dt(lang, `rule.${attention.rule}` as DispatchMessageId)} ·{' '}
            {names.get(attention.deviceId)?.[lang] ?? attention.deviceId} · {formatAlarmValue(attention, lang)}
          </span>
          <span className={styles.spacer} />
          <button type="button" className={styles.ackButton} onClick={() => acknowledge(attention)}>
            {dt(lang, 'alarms.ack')}
          </button>
          <button type="button" className={styles.smallButton} onClick={alarms.dismissAttention}>
            {dt(lang, 'alarms.dismiss')}
          </button>
        </div>
      ) : null}
      <div className={styles.body}>
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
          </div>
          {tab === 'feeders' ? (
            <SparkSeedContext.Provider value={history.spark}>
              <TableTab
                testId="feeder-table"
                ariaLabel={dt(lang, 'tab.feeders')}
                columns={feederColumns}
                data={feederRows}
                storageKey="gaozhu.dispatch.grid.feeders.v1"
                defaults={FEEDER_DEFAULTS}
                filters={[
                  { columnId: 'province', allLabel: 'filter.allProvinces', options: provinceOptions },
                  { columnId: 'substation', allLabel: 'filter.allSubstations', options: substationOptions },
                  { columnId: 'state', allLabel: 'filter.allStates', options: stateOptions(FEEDER_STATES) },
                ]}
                groupBy="substation"
                renderGroup={renderFeederGroup}
                rowClass={feederRowClass}
                gridRef={gridRef}
                onScrollingChange={onTableScrolling}
                filterInputRef={filterRef}
                selectedId={selectedId}
                onSelect={onSelect}
                onOpen={openFor}
              />
            </SparkSeedContext.Provider>
          ) : tab === 'pv' ? (
            <TableTab
              testId="pv-table"
              ariaLabel={dt(lang, 'tab.pv')}
              columns={pvColumns}
              data={pvRows}
              storageKey="gaozhu.dispatch.grid.pv.v1"
              defaults={NO_DEFAULTS}
              filters={[
                { columnId: 'province', allLabel: 'filter.allProvinces', options: provinceOptions },
                {
                  columnId: 'state',
                  allLabel: 'filter.allStates',
                  options: stateOptions(['producing', 'idle', 'tripped', 'stale', 'offline', 'no-data']),
                },
              ]}
              gridRef={gridRef}
              onScrollingChange={onTableScrolling}
              filterInputRef={filterRef}
              selectedId={selectedId}
              onSelect={onSelect}
              onOpen={openFor}
            />
          ) : (
            <TableTab
              testId="connector-table"
              ariaLabel={dt(lang, 'tab.connectors')}
              columns={connectorColumns}
              data={connRows}
              storageKey="gaozhu.dispatch.grid.connectors.v1"
              defaults={NO_DEFAULTS}
              filters={[
                { columnId: 'province', allLabel: 'filter.allProvinces', options: provinceOptions },
                {
                  columnId: 'state',
                  allLabel: 'filter.allStates',
                  options: stateOptions(['available', 'charging', 'faulted', 'unavailable', 'stale', 'offline']),
                },
              ]}
              gridRef={gridRef}
              onScrollingChange={onTableScrolling}
              filterInputRef={filterRef}
              selectedId={selectedId}
              onSelect={onSelect}
              onOpen={openFor}
            />
          )}
        </section>
        <section className={styles.right}>
          <div className={styles.alarmHead}>
            <h2>
              {dt(lang, 'alarms.title')}{' '}
              <span className="num" data-testid="alarm-count">
                {activeCount}
              </span>
              <span className={styles.muted}>
                {' '}
                {dt(lang, 'alarms.count')}
                {unacked ? ` · ${unacked} ${dt(lang, 'alarmState.active')}` : ''}
              </span>
            </h2>
            <span className={styles.spacer} />
            {alarms.syncState === 'error' ? (
              <span className={styles.notShared} data-testid="ack-sync-error" title={dt(lang, 'alarms.notSharedHint')}>
                {dt(lang, 'alarms.syncError')}
              </span>
            ) : null}
            <label className={styles.check}>
              <input type="checkbox" checked={showCleared} onChange={(e) => setShowCleared(e.target.checked)} />
              {dt(lang, 'alarms.showCleared')}
            </label>
            <button
              type="button"
              className={styles.smallButton}
              aria-pressed={!muted}
              onClick={() => setMuted((m) => !m)}
              data-testid="mute-toggle"
            >
              {muted ? `♪̸ ${dt(lang, 'alarms.unmute')}` : `♪ ${dt(lang, 'alarms.mute')}`}
            </button>
            <button
              type="button"
              className={styles.smallButton}
              onClick={() => setAskName('change')}
              data-testid="dispatcher-name"
              title={dt(lang, 'name.title')}
            >
              {dt(lang, 'alarms.by')}: {dispatcher ?? '—'}
            </button>
          </div>
          <AlarmList
            alarms={alarmRows}
            ackOf={alarms.ackOf}
            onAck={acknowledge}
            selectedId={selectedAlarmId}
            onSelect={selectAlarm}
            names={names}
            nowMs={nowMs}
          />
          <div className={styles.areaChart}>
            <div className={styles.areaTitle}>{dt(lang, 'area.title')}</div>
            <Chart option={areaOption} testId="area-province-chart" ariaLabel={dt(lang, 'area.title')} />
          </div>
        </section>
        {openFeeder ? (
          <FeederDrilldown
            feederId={openFeeder}
            onClose={() => setOpenFeeder(null)}
            alarms={[...alarms.active, ...alarms.cleared]}
            ackOf={alarms.ackOf}
          />
        ) : null}
      </div>
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      {askName ? (
        <NameDialog
          initial={dispatcher ?? ''}
          onCancel={() => setAskName(null)}
          onSave={(name) => {
            setDispatcher(name);
            writeLocal(NAME_KEY, name);
            const pending = askName;
            setAskName(null);
            if (pending !== 'change') alarms.acknowledge(pending, name);
          }}
        />
      ) : null}
    </div>
  );
}

const FEEDER_DEFAULTS = { sorting: [{ id: 'loading', desc: true }] };
const NO_DEFAULTS = {};
const feederRowClass = (r: FeederRow) =>
  r.state === 'stale' || r.state === 'offline' || r.state === 'no-data' ? styles.dim : undefined;

/** Quiet word on where peaks and sparklines come from when the history service is not answering (not an error wall). */
function HistoryNote({ history }: { history: DispatchHistory }) {
  const lang = useLang();
  if (history.status === 'ok') return null;
  if (history.status === 'loading')
    return (
      <span className={styles.historyNote} data-testid="history-note" data-status="loading">
        {dt(lang, 'history.loading')}
      </span>
    );
  return (
    <span
      className={styles.historyNote}
      data-testid="history-note"
      data-status="unavailable"
      title={history.error ?? undefined}
    >
      {history.asOfMs === null
        ? dt(lang, 'history.liveOnly')
        : `${dt(lang, 'history.asOf')} ${formatHourMinute(history.asOfMs)}`}
    </span>
  );
}

function HelpOverlay({ onClose }: { onClose: () => void }) {
  const lang = useLang();
  const keys: [string, DispatchMessageId][] = [
    ['/', 'help.slash'],
    ['↑ ↓', 'help.arrows'],
    ['Enter', 'help.enter'],
    ['a', 'help.a'],
    ['Esc', 'help.esc'],
    ['1 2 3', 'help.tabs'],
    ['?', 'help.question'],
  ];
  return (
    <div
      className={styles.overlay}
      role="dialog"
      aria-modal="true"
      aria-label={dt(lang, 'help.title')}
      data-testid="help-overlay"
    >
      <div className={styles.dialog}>
        <h2>{dt(lang, 'help.title')}</h2>
        <dl className={styles.keys}>
          {keys.map(([k, id]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{dt(lang, id)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className={styles.smallButton} onClick={onClose}>
          {dt(lang, 'drill.close')} (Esc)
        </button>
      </div>
    </div>
  );
}

function NameDialog({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (n: string) => void;
  onCancel: () => void;
}) {
  const lang = useLang();
  const [name, setName] = useState(initial);
  const valid = name.trim().length > 0 && [...name.trim()].length <= 64;
  return (
    <div
      className={styles.overlay}
      role="dialog"
      aria-modal="true"
      aria-label={dt(lang, 'name.title')}
      data-testid="name-dialog"
    >
      <form
        className={styles.dialog}
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onSave(name.trim());
        }}
      >
        <h2>{dt(lang, 'name.title')}</h2>
        <p>{dt(lang, 'name.prompt')}</p>
        <input
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to ask exactly this
          autoFocus
          className={styles.filterInput}
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value.replace(/[\r\n\t]/g, ' '))}
          data-testid="name-input"
        />
        <div className={styles.dialogButtons}>
          <button type="submit" className={styles.ackButton} disabled={!valid} data-testid="name-save">
            {dt(lang, 'name.save')}
          </button>
          <button type="button" className={styles.smallButton} onClick={onCancel}>
            {dt(lang, 'name.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
