/**
 * Typed client of the history service's HTTP API (src/core/contract/history-api.ts, published as public/openapi.yaml):
 * series, today, every device's today (peaks and last hour, for the dispatcher), health, the alarm log, the CSV
 * export URLs, and supply reliability (outage records, the indicators month by month).
 * Every response is validated with the contract's zod schemas, the ones the server is typed with, before a screen sees
 * it — in the document-check worker (src/browser/live/document-check.ts), so zod stays off the main thread — and every
 * failure becomes a HistoryError whose `kind` says what happened (service unreachable, request refused, answer
 * malformed), so screens can say it in words.
 * Shared by the progress screen and the dispatcher console; nothing here knows about React.
 */
// Types only: a value import from the contract's module would bring its schemas and zod onto the main thread.
import type {
  AlarmLogResponse,
  AlarmLogState,
  DevicesTodayKind,
  DevicesTodayResponse,
  HealthResponse,
  HistoryAgg,
  HistoryMetric,
  HistoryStep,
  ReliabilityMonthlyResponse,
  ReliabilityOutagesResponse,
  SeriesResponse,
  TodayResponse,
} from '../../core/contract/history-api';
import { checkDocument, type DocumentOf } from '../live/document-check';

// The answers' types, as the screens receive them from this client: the contract module's types (types only).
export type * from '../../core/contract/history-api';

export type HistoryErrorKind =
  /** No answer: network down, service stopped, or the app server's proxy could not reach it. */
  | 'unreachable'
  /** The service refused the request (400) and said why. */
  | 'bad-request'
  /** Any other HTTP error status. */
  | 'http'
  /** The answer did not match the contract. */
  | 'invalid-response'
  | 'aborted';

export class HistoryError extends Error {
  constructor(
    readonly kind: HistoryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HistoryError';
  }
}

export interface SeriesRequest {
  metric: HistoryMetric;
  /** area, sc, cq or a device id. */
  entity: string;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  step: HistoryStep;
  agg?: HistoryAgg;
}

/** Filters of the alarm log; all optional (times in ms). */
export interface AlarmLogRequest {
  fromMs?: number;
  toMs?: number;
  deviceId?: string;
  rule?: string;
  state?: AlarmLogState;
  limit?: number;
}

export interface HistoryClient {
  readonly baseUrl: string;
  series(req: SeriesRequest, signal?: AbortSignal): Promise<SeriesResponse>;
  /** Link to the service's own CSV of the same series (Content-Disposition: attachment). */
  seriesCsvUrl(req: SeriesRequest): string;
  today(entity: 'area' | 'sc' | 'cq', signal?: AbortSignal): Promise<TodayResponse>;
  /** Today's peak and the last hour of 1-minute P of every device of a kind, in one request. */
  devicesToday(kind: DevicesTodayKind, signal?: AbortSignal): Promise<DevicesTodayResponse>;
  health(signal?: AbortSignal): Promise<HealthResponse>;
  /** One row per alarm from its recorded lifecycle events (GET /api/alarm-log). */
  alarmLog(req: AlarmLogRequest, signal?: AbortSignal): Promise<AlarmLogResponse>;
  /** Link to the same log as CSV (Content-Disposition: attachment). */
  alarmLogCsvUrl(req: AlarmLogRequest): string;
  /** SAIDI, SAIFI, CAIDI, RS-1 month by month of a year and to date, per scope (GET /api/reliability/monthly). */
  reliabilityMonthly(year: number, signal?: AbortSignal): Promise<ReliabilityMonthlyResponse>;
  /** The stored outage records overlapping a range (GET /api/reliability/outages). */
  reliabilityOutages(
    req: { fromMs: number; toMs: number; scope?: 'area' | 'sc' | 'cq' },
    signal?: AbortSignal,
  ): Promise<ReliabilityOutagesResponse>;
}

function alarmLogParams(req: AlarmLogRequest): URLSearchParams {
  const p = new URLSearchParams();
  if (req.fromMs !== undefined) p.set('from', String(Math.round(req.fromMs)));
  if (req.toMs !== undefined) p.set('to', String(Math.round(req.toMs)));
  if (req.deviceId) p.set('deviceId', req.deviceId);
  if (req.rule) p.set('rule', req.rule);
  if (req.state) p.set('state', req.state);
  if (req.limit !== undefined) p.set('limit', String(req.limit));
  return p;
}

const query = (p: URLSearchParams) => (p.size ? `?${p}` : '');

function seriesParams(req: SeriesRequest): URLSearchParams {
  const p = new URLSearchParams({
    metric: req.metric,
    entity: req.entity,
    from: String(Math.round(req.fromMs)),
    to: String(Math.round(req.toMs)),
    step: req.step,
  });
  if (req.agg) p.set('agg', req.agg);
  return p;
}

/** A relative base ('/api') is resolved against the page, so the same client runs in the browser, jsdom and Node. */
function absoluteBase(baseUrl: string): string {
  const origin = typeof window !== 'undefined' && window.location ? window.location.href : 'http://localhost/';
  return new URL(baseUrl.replace(/\/+$/, ''), origin).href;
}

const PROXY_DOWN_STATUSES = new Set([502, 503, 504]);

/** The history's answers, by the name the document check knows them by (checked-documents.ts). */
type HistoryDocument =
  | 'series'
  | 'today'
  | 'devicesToday'
  | 'health'
  | 'alarmLog'
  | 'reliabilityMonthly'
  | 'reliabilityOutages';

/**
 * GETs a JSON document of the history. The request, an abort and an HTTP error are handled here on the main thread
 * (an AbortSignal cannot cross to a worker, and an error body is small and needs no schema); a 2xx answer's text is
 * parsed and checked against the contract in the document-check worker (document-check.ts), so no zod runs here.
 */
async function getJson<K extends HistoryDocument>(
  url: string,
  kind: K,
  what: string,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<DocumentOf<K>> {
  let res: Response;
  try {
    res = await fetchImpl(url, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (signal?.aborted || (e as Error).name === 'AbortError') throw new HistoryError('aborted', `${what}: aborted`);
    throw new HistoryError('unreachable', `${what}: history service unreachable (${(e as Error).message})`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    // An abort can land while the body is still arriving: that is the caller's own doing, not a broken answer.
    if (signal?.aborted || (e as Error).name === 'AbortError') throw new HistoryError('aborted', `${what}: aborted`);
    text = '';
  }
  if (!res.ok) {
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const serviceMessage =
      body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : null;
    if (res.status === 400 && serviceMessage)
      throw new HistoryError('bad-request', `${what}: ${serviceMessage}`, res.status);
    // A dev/preview proxy whose target is down answers 5xx without the service's JSON error body.
    if (PROXY_DOWN_STATUSES.has(res.status) || (res.status >= 500 && !serviceMessage))
      throw new HistoryError('unreachable', `${what}: history service unreachable (HTTP ${res.status})`, res.status);
    throw new HistoryError(
      'http',
      `${what}: HTTP ${res.status}${serviceMessage ? ` ${serviceMessage}` : ''}`,
      res.status,
    );
  }
  const checked = await checkDocument(kind, text);
  if (checked.ok) return checked.data;
  if (checked.problem === 'not-json')
    throw new HistoryError('invalid-response', `${what}: the answer is not JSON`, res.status);
  if (checked.problem === 'unchecked')
    throw new HistoryError(
      'invalid-response',
      `${what}: the answer could not be checked (${checked.message})`,
      res.status,
    );
  throw new HistoryError(
    'invalid-response',
    `${what}: answer does not match the contract (${checked.path || 'root'}: ${checked.message})`,
    res.status,
  );
}

export function createHistoryClient(baseUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): HistoryClient {
  const base = () => absoluteBase(baseUrl);
  return {
    baseUrl,
    series(req, signal) {
      const what = `series ${req.metric}/${req.entity}`;
      return getJson(`${base()}/series?${seriesParams(req)}`, 'series', what, fetchImpl, signal);
    },
    seriesCsvUrl(req) {
      return `${base()}/series.csv?${seriesParams(req)}`;
    },
    today(entity, signal) {
      return getJson(`${base()}/today?entity=${entity}`, 'today', `today ${entity}`, fetchImpl, signal);
    },
    devicesToday(kind, signal) {
      return getJson(
        `${base()}/devices/today?kind=${kind}`,
        'devicesToday',
        `devices today ${kind}`,
        fetchImpl,
        signal,
      );
    },
    health(signal) {
      return getJson(`${base()}/health`, 'health', 'health', fetchImpl, signal);
    },
    alarmLog(req, signal) {
      const url = `${base()}/alarm-log${query(alarmLogParams(req))}`;
      return getJson(url, 'alarmLog', 'alarm log', fetchImpl, signal);
    },
    alarmLogCsvUrl(req) {
      return `${base()}/alarm-log.csv${query(alarmLogParams(req))}`;
    },
    reliabilityMonthly(year, signal) {
      const url = `${base()}/reliability/monthly?year=${encodeURIComponent(String(year))}`;
      return getJson(url, 'reliabilityMonthly', `reliability ${year}`, fetchImpl, signal);
    },
    reliabilityOutages(req, signal) {
      const p = new URLSearchParams({ from: String(Math.round(req.fromMs)), to: String(Math.round(req.toMs)) });
      if (req.scope) p.set('scope', req.scope);
      return getJson(`${base()}/reliability/outages?${p}`, 'reliabilityOutages', 'outages', fetchImpl, signal);
    },
  };
}
