/**
 * The live core's vocabulary without its schemas (./live-core.ts, which re-exports all of this): the topics, the
 * scopes, the states and the limits. A page's main thread imports these from here, never from live-core.ts, whose zod
 * schemas would come with them: the live documents are checked in the page's worker (src/browser/live/live-documents.ts),
 * so the wall's main thread carries no zod (tests/e2e/bundle-split.test.ts).
 */
import { PROVINCES, TOPIC_ROOT } from './topics';

export const LIVE_ROOT = `${TOPIC_ROOT}/live`;

/**
 * Largest live-core payload: whole-area documents (every station of a province, every active alarm) are far larger
 * than a device's reading (MAX_PAYLOAD_BYTES), and 20,000 stations still fit. The broker lets only the live service
 * publish this much; the screens refuse anything bigger as not a live-core message.
 */
export const MAX_LIVE_PAYLOAD_BYTES = 4 * 1024 * 1024;
export const LIVE_SCOPES = ['area', ...PROVINCES] as const;
export type LiveScope = (typeof LIVE_SCOPES)[number];

export const liveTopics = {
  status: `${LIVE_ROOT}/status`,
  figures: (scope: LiveScope) => `${LIVE_ROOT}/figures/${scope}`,
  substation: (substationId: string) => `${LIVE_ROOT}/substations/${substationId}`,
  stations: (province: (typeof PROVINCES)[number]) => `${LIVE_ROOT}/stations/${province}`,
  alarmsDispatch: `${LIVE_ROOT}/alarms/dispatch`,
  alarmsPublic: `${LIVE_ROOT}/alarms/public`,
  alarmEvents: `${LIVE_ROOT}/alarms/events`,
  /** A province shard's presence (its Last Will: offline) when the live service runs sharded (LIVE_SHARD). */
  shardStatus: (province: (typeof PROVINCES)[number]) => `${LIVE_ROOT}/shards/${province}/status`,
} as const;

/**
 * Supply reliability the wall shows (./reliability.ts, whose reliabilityTopics these are; written out here because that
 * module builds on this one): the outages in progress and of the last 24 h — feeder, sections and counts, no customer
 * named — and the indicators per scope. Not the records stream. In the browser they have their own store
 * (src/browser/live/live-reliability-store.ts), not the live core's.
 */
export const PUBLIC_RELIABILITY_FILTERS = [
  `${LIVE_ROOT}/reliability/outages`,
  `${LIVE_ROOT}/reliability/indicators/+`,
] as const;

/** What the public wall may read (its broker user's allow list); nothing else under the root. */
export const PUBLIC_LIVE_FILTERS = [
  liveTopics.status,
  `${LIVE_ROOT}/figures/+`,
  `${LIVE_ROOT}/substations/+`,
  `${LIVE_ROOT}/stations/+`,
  liveTopics.alarmsPublic,
  ...PUBLIC_RELIABILITY_FILTERS,
] as const;

export const FIGURE_STATUSES = ['complete', 'held', 'partial', 'no-data'] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];

/**
 * Why the losses between the intake and the feeder heads are not given (src/core/domain/losses.ts): a term has no
 * live value (intake-missing, feeder-missing; a held last value counts as none: the losses are smaller than its
 * error), or the intake is below the feeder heads (inconsistent).
 */
export const LOSS_NOT_COMPUTABLE = ['intake-missing', 'feeder-missing', 'inconsistent'] as const;

export const FEEDER_LIVE_STATES = ['normal', 'heavy', 'overload', 'held', 'missing'] as const;
export type FeederLiveState = (typeof FEEDER_LIVE_STATES)[number];

/** One letter a connector: c charging, a available, f faulted, u unavailable, ? unknown. Compact for 1,000s. */
export const CONNECTOR_CODES = { charging: 'c', available: 'a', faulted: 'f', unavailable: 'u', unknown: '?' } as const;

export const LIVE_SOURCE_STATES = ['ok', 'silent', 'broker-lost'] as const;
/**
 * A reader's rule for the service's presence: it republishes its status (and figures) every publishIntervalMs, so
 * nothing for this many intervals means it is silent — hung, or cut off before the broker sends its Last Will.
 */
export const LIVE_SILENT_AFTER_INTERVALS = 3;
/** The interval a reader assumes before the first status says the service's own. */
export const DEFAULT_LIVE_PUBLISH_INTERVAL_MS = 1_000;

export const ALARM_EVENT_TYPES = ['raised', 'escalated', 'de-escalated', 'acknowledged', 'cleared'] as const;
export type AlarmEventType = (typeof ALARM_EVENT_TYPES)[number];
