/**
 * Row data of the dispatcher's tables, built from the store's device views. Pure and incremental (rows-cache.ts): a
 * row object is re-created only when its device view (or today's peak) changed.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { ChargerTelemetry, ConnectorState, FeederTelemetry, PvTelemetry } from '../../../core/contract/payloads';
import type { Province } from '../../../core/contract/topics';
import { type LoadingThresholds, loadingRatePct, loadingState } from '../../../core/domain/loading';
import { emptyRowsCache, type RowsCache, rebuildChanged } from './rows-cache';

/** What the feeder table says about a feeder, in words and glyph (never colour alone). */
export type FeederState = 'normal' | 'heavy' | 'overload' | 'stale' | 'offline' | 'no-data';
export const FEEDER_STATES: readonly FeederState[] = ['overload', 'heavy', 'normal', 'stale', 'offline', 'no-data'];
/** A device's state when it is not live: the freshness of its data. */
export type NotLive = Exclude<RowDeviceView['freshness'], 'live'>;
export type PvRowState = PvTelemetry['state'] | NotLive;
export type ConnectorRowState = ConnectorState | NotLive;
/** Sort order of states: the worst first when sorted ascending. */
export const STATE_RANK: Record<FeederState, number> = {
  overload: 0,
  offline: 1,
  stale: 2,
  heavy: 3,
  normal: 4,
  'no-data': 5,
};

/** Minimal device view: the store's DeviceView satisfies it. */
export interface RowDeviceView {
  id: string;
  latest: unknown;
  lastTs: number | null;
  freshness: 'live' | 'stale' | 'offline' | 'no-data';
  /** A feeder seeded from the live service's substation snapshot, newer than `latest` (telemetry-store.ts). */
  seeded?: { pKw: number; loadingPct: number | null; lastTs: number } | null;
}

export interface DailyPeak {
  dayStartMs: number;
  peakKw: number;
  atMs: number;
}

/** Keeps the highest P seen today (Shanghai day given by the caller). A new day starts a new peak. */
export function updateDailyPeak(
  prev: DailyPeak | undefined,
  ts: number,
  pKw: number,
  dayStartMs: number,
): DailyPeak | undefined {
  if (ts < dayStartMs || !Number.isFinite(pKw)) return prev?.dayStartMs === dayStartMs ? prev : undefined;
  if (prev && prev.dayStartMs === dayStartMs && pKw <= prev.peakKw) return prev;
  return { dayStartMs, peakKw: pKw, atMs: ts };
}

export interface FeederRow {
  id: string;
  nameZh: string;
  nameEn: string;
  substationId: string;
  substationZh: string;
  substationEn: string;
  province: Province;
  pKw: number | null;
  qKvar: number | null;
  iA: number | null;
  uKv: number | null;
  /** cos φ = P / S; null without data. */
  powerFactor: number | null;
  loadingPct: number | null;
  state: FeederState;
  stateRank: number;
  peakKw: number | null;
  peakAtMs: number | null;
  lastTs: number | null;
  /** Lower-case zh + en name, id and substation, for the free-text filter. */
  search: string;
}

export interface PvRow {
  id: string;
  nameZh: string;
  nameEn: string;
  province: Province;
  feederId: string;
  feederZh: string;
  feederEn: string;
  kWp: number;
  pKw: number | null;
  yieldPct: number | null;
  /** producing / idle / tripped, or the freshness when not live. */
  state: PvRowState;
  search: string;
}

export interface ConnectorRow {
  /** `<stationId>/<connectorId>` */
  id: string;
  stationId: string;
  connectorId: string;
  stationZh: string;
  stationEn: string;
  province: Province;
  feederId: string;
  feederZh: string;
  feederEn: string;
  type: 'ac' | 'dc';
  ratedKw: number;
  pKw: number | null;
  sessionKwh: number | null;
  state: ConnectorRowState;
  search: string;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function feederState(
  freshness: RowDeviceView['freshness'],
  loadingPct: number | null,
  thresholds: LoadingThresholds,
): FeederState {
  if (freshness === 'offline') return 'offline';
  if (freshness === 'stale') return 'stale';
  if (freshness === 'no-data') return 'no-data';
  return loadingState(loadingPct, thresholds) ?? 'no-data';
}

export interface FeederRowsInput {
  /** The thresholds in force (src/browser/live/thresholds-in-force.ts), not area.json's: they may have been changed. */
  thresholds: LoadingThresholds;
  views: ReadonlyMap<string, RowDeviceView>;
  peaks: ReadonlyMap<string, DailyPeak>;
}

/** Pre-joined config per feeder, with its filter text (built once per area config, not per refresh). */
export function feederSources(area: AreaConfig) {
  const subs = new Map(area.substations.map((s) => [s.id, s]));
  return area.feeders.map((f) => {
    const sub = subs.get(f.substationId);
    const search = `${f.name.zh} ${f.name.en} ${f.id} ${sub?.name.zh ?? ''} ${sub?.name.en ?? ''}`.toLowerCase();
    return { f, sub, search };
  });
}

export function buildFeederRows(
  prev: RowsCache<FeederRow>,
  sources: ReturnType<typeof feederSources>,
  input: FeederRowsInput,
): RowsCache<FeederRow> {
  const { views, peaks, thresholds } = input;
  // Changed thresholds change every row's state, whether or not its device reported since.
  const base = prev.builtWith === thresholds ? prev : emptyRowsCache<FeederRow>();
  const next = rebuildChanged(
    base,
    sources,
    (s) => s.f.id,
    // The view object changes exactly when the device's data or freshness did; the peak object when the peak did.
    (s) => views.get(s.f.id),
    (s) => peaks.get(s.f.id),
    ({ f, sub, search }) => {
      const view = views.get(f.id);
      const seeded = view?.seeded ?? null;
      // Seeded from the live service's snapshot (newer than the device's own reading): its P and loading only.
      const t = seeded ? null : ((view?.latest ?? null) as FeederTelemetry | null);
      const loadingPct = seeded
        ? seeded.loadingPct
        : t
          ? loadingRatePct({ ...t, ratedMva: f.ratedMva, ratedA: f.ratedA })
          : null;
      const sKva = t ? Math.hypot(t.pKw, t.qKvar) : null;
      const state = feederState(view?.freshness ?? 'no-data', loadingPct, thresholds);
      const peak = peaks.get(f.id);
      return {
        id: f.id,
        nameZh: f.name.zh,
        nameEn: f.name.en,
        substationId: f.substationId,
        substationZh: sub?.name.zh ?? f.substationId,
        substationEn: sub?.name.en ?? f.substationId,
        province: f.province,
        pKw: seeded ? seeded.pKw : (t?.pKw ?? null),
        qKvar: t?.qKvar ?? null,
        iA: t?.iA ?? null,
        uKv: t?.uKv ?? null,
        powerFactor: t && sKva && sKva > 0 ? Math.abs(t.pKw) / sKva : null,
        loadingPct,
        state,
        stateRank: STATE_RANK[state],
        peakKw: peak && isNum(peak.peakKw) ? peak.peakKw : null,
        peakAtMs: peak && isNum(peak.peakKw) ? peak.atMs : null,
        lastTs: view?.lastTs ?? null,
        search,
      };
    },
  );
  return next === base && base.builtWith === thresholds ? base : { ...next, builtWith: thresholds };
}

type Feeder = AreaConfig['feeders'][number];

const feedersById = (area: AreaConfig) => new Map(area.feeders.map((f) => [f.id, f]));

/** The feeder a PV site or charging station hangs off, in both languages: its id where the area does not name it. */
function feederNames(feederId: string, feeder: Feeder | undefined) {
  return { feederId, feederZh: feeder?.name.zh ?? feederId, feederEn: feeder?.name.en ?? feederId };
}

/** A PV site's or connector's state: what the device reports while its data is live, else that data's freshness. */
function reportedState<S extends string>(view: RowDeviceView | undefined, reported: S | undefined): S | NotLive {
  const fresh = view?.freshness ?? 'no-data';
  return fresh !== 'live' ? fresh : (reported ?? 'no-data');
}

export function pvSources(area: AreaConfig) {
  const feeders = feedersById(area);
  return area.pvSites.map((p) => ({ p, feeder: feeders.get(p.feederId) }));
}

/**
 * Rows of devices with no peak to keep (PV sites, connectors): a row is rebuilt when its device's view changed, from
 * that view and the device's latest telemetry.
 */
function buildDeviceRows<S, R, T>(
  prev: RowsCache<R>,
  sources: readonly S[],
  views: ReadonlyMap<string, RowDeviceView>,
  idOf: (s: S) => string,
  deviceOf: (s: S) => string,
  build: (s: S, view: RowDeviceView | undefined, t: T | null) => R,
): RowsCache<R> {
  return rebuildChanged(
    prev,
    sources,
    idOf,
    (s) => views.get(deviceOf(s)),
    null,
    (s) => {
      const view = views.get(deviceOf(s));
      return build(s, view, (view?.latest ?? null) as T | null);
    },
  );
}

export function buildPvRows(
  prev: RowsCache<PvRow>,
  sources: ReturnType<typeof pvSources>,
  views: ReadonlyMap<string, RowDeviceView>,
): RowsCache<PvRow> {
  const pvId = (s: (typeof sources)[number]) => s.p.id;
  return buildDeviceRows<(typeof sources)[number], PvRow, PvTelemetry>(
    prev,
    sources,
    views,
    pvId,
    pvId,
    ({ p, feeder }, view, t) => ({
      id: p.id,
      nameZh: p.name.zh,
      nameEn: p.name.en,
      province: p.province,
      ...feederNames(p.feederId, feeder),
      kWp: p.kWp,
      pKw: t?.pKw ?? null,
      yieldPct: t ? (Math.max(0, t.pKw) / p.kWp) * 100 : null,
      state: reportedState(view, t?.state),
      search: `${p.name.zh} ${p.name.en} ${p.id} ${feeder?.name.zh ?? ''}`.toLowerCase(),
    }),
  );
}

export function connectorSources(area: AreaConfig) {
  const feeders = feedersById(area);
  return area.chargingStations.flatMap((st) =>
    st.connectors.map((c) => ({ st, c, feeder: feeders.get(st.feederId), id: `${st.id}/${c.id}` })),
  );
}

export function buildConnectorRows(
  prev: RowsCache<ConnectorRow>,
  sources: ReturnType<typeof connectorSources>,
  views: ReadonlyMap<string, RowDeviceView>,
): RowsCache<ConnectorRow> {
  return buildDeviceRows<(typeof sources)[number], ConnectorRow, ChargerTelemetry>(
    prev,
    sources,
    views,
    (s) => s.id,
    (s) => s.st.id,
    ({ st, c, feeder, id }, view, t) => {
      const conn = t?.connectors.find((x) => x.id === c.id);
      return {
        id,
        stationId: st.id,
        connectorId: c.id,
        stationZh: st.name.zh,
        stationEn: st.name.en,
        province: st.province,
        ...feederNames(st.feederId, feeder),
        type: c.type,
        ratedKw: c.ratedKw,
        pKw: conn?.pKw ?? null,
        sessionKwh: conn?.sessionKwh ?? null,
        state: reportedState(view, conn?.state),
        search: `${st.name.zh} ${st.name.en} ${id} ${feeder?.name.zh ?? ''}`.toLowerCase(),
      };
    },
  );
}
