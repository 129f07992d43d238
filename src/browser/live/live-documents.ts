/**
 * The page's one reading of the live service's documents (and the simulation clock), done in the worker that holds
 * the MQTT client — mqtt-relay.worker.ts for the public screens, ingest.worker.ts for the dispatcher — so the zod
 * schemas never reach the page's main thread: every message of a live topic is bounded, parsed as JSON and checked with
 * its topic's contract schema here, and the page's stores receive the judgement — the typed document, or why it was
 * refused — through a LiveDocumentSource. The stores keep what follows from a document (which scope it is for, what an
 * older copy changes), and count every refusal by its reason.
 *
 * Main-thread modules import only the types of this module (`import type`): a value import would bring zod back onto
 * the wall's main thread, which tests/e2e/bundle-split.test.ts refuses.
 */
import type { z } from 'zod';
import {
  type LiveAlarms,
  type LiveFigures,
  type LiveScope,
  type LiveStatus,
  liveAlarmsSchema,
  liveFiguresSchema,
  liveStatusSchema,
  type PublicAlarms,
  publicAlarmsSchema,
  type StationsLive,
  type SubstationLive,
  stationsLiveSchema,
  substationLiveSchema,
} from '../../core/contract/live-core';
import { LIVE_ROOT, LIVE_SCOPES, liveTopics, MAX_LIVE_PAYLOAD_BYTES } from '../../core/contract/live-core-terms';
import { type SimClock, simClockSchema } from '../../core/contract/payloads';
import {
  type LiveOutages,
  type LiveReliability,
  liveOutagesSchema,
  liveReliabilitySchema,
  reliabilityTopics,
} from '../../core/contract/reliability';
import { PROVINCES, type Province, SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import { MAX_ALARMS_PAYLOAD_BYTES } from './live-alarms-store';
import { type LiveRejection, parseLiveJson, schemaIssueDetail } from './live-payload';

/** A live document as the page's stores take it, named by what its topic carries. */
export type LiveDocument =
  /** An empty retained message: the topic was cleared (a removed substation, a service that left). */
  | { kind: 'cleared' }
  | { kind: 'sim-clock'; data: SimClock }
  | { kind: 'status'; data: LiveStatus }
  | { kind: 'alarms-public'; data: PublicAlarms }
  | { kind: 'alarms-dispatch'; data: LiveAlarms }
  | { kind: 'figures'; scope: LiveScope; data: LiveFigures }
  | { kind: 'substation'; substationId: string; data: SubstationLive }
  | { kind: 'stations'; province: Province; data: StationsLive }
  | { kind: 'outages'; data: LiveOutages }
  | { kind: 'indicators'; scope: LiveScope; data: LiveReliability };

export type LiveDocumentKind = LiveDocument['kind'];

/** A message of a live topic, judged: its document or why not; `bytes`, its size, for a store with a tighter bound. */
export type LiveJudgement = ({ ok: true; doc: LiveDocument } | LiveRejection) & { bytes: number };

/** What the page's stores subscribe to: judged live documents (the relay connection, the ingest worker, a test). */
export interface LiveDocumentSource {
  subscribe(filter: string, handler: (topic: string, judged: LiveJudgement) => void): () => void;
}

const FIGURES_PREFIX = `${LIVE_ROOT}/figures/`;
const SUBSTATIONS_PREFIX = `${LIVE_ROOT}/substations/`;
const STATIONS_PREFIX = `${LIVE_ROOT}/stations/`;
const INDICATORS_PREFIX = reliabilityTopics.indicators('area').slice(0, -'area'.length);

/** The largest message each topic may carry: the dispatchers' full alarm list is the one larger than a live document. */
const maxBytesOf = (topic: string) =>
  topic === liveTopics.alarmsDispatch ? MAX_ALARMS_PAYLOAD_BYTES : MAX_LIVE_PAYLOAD_BYTES;

type Judged = { ok: true; doc: LiveDocument } | LiveRejection;

function checked<T>(schema: z.ZodType<T>, json: unknown, doc: (data: T) => LiveDocument | LiveRejection): Judged {
  const r = schema.safeParse(json);
  if (!r.success) return { ok: false, reason: 'schema', detail: schemaIssueDetail(r.error.issues) };
  const d = doc(r.data);
  return 'kind' in d ? { ok: true, doc: d } : d;
}

const mismatch = (detail: string): LiveRejection => ({ ok: false, reason: 'schema', detail });
const badTopic = (detail: string): LiveRejection => ({ ok: false, reason: 'bad-topic', detail });

/**
 * One message of a live topic (or the simulation clock): bounded (before it is parsed), JSON, its topic's schema, and
 * the document naming the scope, substation or province its topic names.
 */
export function judgeLiveMessage(topic: string, payload: Uint8Array): LiveJudgement {
  const bytes = payload.byteLength;
  if (bytes === 0) return { ok: true, doc: { kind: 'cleared' }, bytes };
  const parsed = parseLiveJson(payload, maxBytesOf(topic));
  if (!parsed.ok) return { ...parsed, bytes };
  return { ...judgeJson(topic, parsed.json), bytes };
}

function judgeJson(topic: string, json: unknown): Judged {
  if (topic === SIM_CLOCK_TOPIC) return checked(simClockSchema, json, (data) => ({ kind: 'sim-clock', data }));
  if (topic === liveTopics.status) return checked(liveStatusSchema, json, (data) => ({ kind: 'status', data }));
  if (topic === liveTopics.alarmsPublic)
    return checked(publicAlarmsSchema, json, (data) => ({ kind: 'alarms-public', data }));
  if (topic === liveTopics.alarmsDispatch)
    return checked(liveAlarmsSchema, json, (data) => ({ kind: 'alarms-dispatch', data }));
  if (topic === reliabilityTopics.outages)
    return checked(liveOutagesSchema, json, (data) => ({ kind: 'outages', data }));
  if (topic.startsWith(FIGURES_PREFIX)) {
    const scope = topic.slice(FIGURES_PREFIX.length) as LiveScope;
    if (!LIVE_SCOPES.includes(scope)) return badTopic(scope);
    return checked(liveFiguresSchema, json, (data) =>
      data.scope === scope ? { kind: 'figures', scope, data } : mismatch(`scope ${data.scope} on ${scope}`),
    );
  }
  if (topic.startsWith(SUBSTATIONS_PREFIX)) {
    const substationId = topic.slice(SUBSTATIONS_PREFIX.length);
    return checked(substationLiveSchema, json, (data) =>
      data.substationId === substationId
        ? { kind: 'substation', substationId, data }
        : mismatch(`substation ${data.substationId}`),
    );
  }
  if (topic.startsWith(STATIONS_PREFIX)) {
    const province = topic.slice(STATIONS_PREFIX.length) as Province;
    if (!PROVINCES.includes(province)) return badTopic(province);
    return checked(stationsLiveSchema, json, (data) =>
      data.province === province ? { kind: 'stations', province, data } : mismatch(`province ${data.province}`),
    );
  }
  if (topic.startsWith(INDICATORS_PREFIX)) {
    const scope = topic.slice(INDICATORS_PREFIX.length) as LiveScope;
    if (!LIVE_SCOPES.includes(scope)) return badTopic(scope);
    return checked(liveReliabilitySchema, json, (data) =>
      data.scope === scope ? { kind: 'indicators', scope, data } : mismatch(`scope ${data.scope} on ${scope}`),
    );
  }
  return badTopic(topic);
}

/**
 * A raw MQTT source judged on the spot, for a pipeline whose client runs on the page's own thread (the benchmark's
 * main-thread baselines) and for the stores' tests, which deliver payloads as the broker would.
 */
export function judgingSource(raw: {
  subscribe(filter: string, handler: (topic: string, payload: Uint8Array) => void): () => void;
}): LiveDocumentSource {
  return {
    subscribe: (filter, handler) =>
      raw.subscribe(filter, (topic, payload) => handler(topic, judgeLiveMessage(topic, payload))),
  };
}
