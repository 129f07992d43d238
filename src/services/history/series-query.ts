/**
 * The series query behind GET /api/series and /api/series.csv: parameter validation, bucketing (local Asia/Shanghai
 * days and months), the choice of source table by step, aggregation and the point cap. A bucket the recorder never
 * covered, or in which no data arrived, is null, never 0.
 */
import type { z } from 'zod';
import {
  type DeviceMetricId,
  HISTORY_METRICS,
  HISTORY_SCOPES,
  HISTORY_STEPS,
  type HistoryAgg,
  type HistoryScope,
  type HistoryStep,
  type ScopeMetricId,
  type SeriesResponse,
  seriesQuerySchema,
} from '../../core/contract/history-api';
import {
  addMonthsStartMs,
  dayStartMs as shanghaiDayStartMs,
  monthStartMs as shanghaiMonthStartMs,
  shanghaiWallToMs,
} from '../../core/time/shanghai';
import { type CoveredInterval, partlyCoveredMinutes } from './partly-covered-minutes';
import { DAY_MS, HOUR_MS, MINUTE_MS, SHANGHAI_OFFSET_MIN } from './shanghai-time';
import type { DeviceRow, HistoryStorage, SubBucket } from './storage/history-storage';

export const STEPS = HISTORY_STEPS;
export type Step = HistoryStep;
export type Agg = HistoryAgg;
export const SCOPES = HISTORY_SCOPES;
export type ScopeId = HistoryScope;

/** Largest number of points one response carries; longer ranges are truncated and say so. */
export const MAX_POINTS = 20_000;

type MetricKind = 'power' | 'energy';
interface MetricDef {
  unit: string;
  kind: MetricKind;
}

export const SCOPE_METRICS: Record<ScopeMetricId, MetricDef> = {
  gridImportKw: { unit: 'kW', kind: 'power' },
  pvKw: { unit: 'kW', kind: 'power' },
  evKw: { unit: 'kW', kind: 'power' },
  consumptionKw: { unit: 'kW', kind: 'power' },
  eImportKwh: { unit: 'kWh', kind: 'energy' },
  ePvKwh: { unit: 'kWh', kind: 'energy' },
  eEvKwh: { unit: 'kWh', kind: 'energy' },
  eConsumptionKwh: { unit: 'kWh', kind: 'energy' },
};

interface DeviceMetricDef extends MetricDef {
  kinds: readonly DeviceRow['kind'][];
}

export const DEVICE_METRICS: Record<DeviceMetricId, DeviceMetricDef> = {
  pKw: { unit: 'kW', kind: 'power', kinds: ['feeder', 'substation', 'pv', 'charger'] },
  eKwh: { unit: 'kWh', kind: 'energy', kinds: ['feeder', 'pv', 'charger'] },
  iA: { unit: 'A', kind: 'power', kinds: ['feeder'] },
  uKv: { unit: 'kV', kind: 'power', kinds: ['feeder', 'substation'] },
};

const scopeMetric = (metric: string): MetricDef | undefined =>
  Object.hasOwn(SCOPE_METRICS, metric) ? SCOPE_METRICS[metric as ScopeMetricId] : undefined;
const deviceMetric = (metric: string): DeviceMetricDef | undefined =>
  Object.hasOwn(DEVICE_METRICS, metric) ? DEVICE_METRICS[metric as DeviceMetricId] : undefined;

export const METRICS = HISTORY_METRICS;

export interface SeriesRequest {
  metric: string;
  entity: string;
  fromMs: number;
  toMs: number;
  step: Step;
  agg: Agg;
}

export type Point = [number, number | null];
export type { SeriesResponse };

export class BadRequest extends Error {}

/** Reads one query parameter with its contract schema; a refusal says the schema's message (which names it). */
export function readParam<T>(schema: z.ZodType<T>, params: URLSearchParams, name: string): T {
  const r = schema.safeParse(params.get(name) ?? undefined);
  if (!r.success) throw new BadRequest(r.error.issues[0]?.message ?? `${name} is invalid`);
  return r.data;
}

const ZONELESS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?)?$/;
const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);

/** ms since the epoch, an ISO 8601 time with Z or an offset, or a zone-less local date/time read as Asia/Shanghai. */
export function parseTime(raw: string | null | undefined, name: string): number {
  if (raw === null || raw === undefined || raw === '')
    throw new BadRequest(`${name} is required (ISO 8601 or ms since the epoch)`);
  let ms: number;
  const local = ZONELESS.exec(raw);
  if (/^\d{1,16}$/.test(raw)) ms = Number(raw);
  else if (local) {
    const [, y, mo, d, h, mi, s, frac] = local;
    ms =
      shanghaiWallToMs(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)) +
      Math.round(Number(frac ?? 0) * 1000);
    if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) ms = Number.NaN;
  } else if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(raw)) ms = Date.parse(raw);
  else ms = Number.NaN;
  if (!Number.isFinite(ms)) throw new BadRequest(`${name}: cannot read "${raw.slice(0, 40)}" as a time`);
  if (ms < MIN_MS || ms > MAX_MS) throw new BadRequest(`${name}: must lie between 2000-01-01 and 2100-01-01`);
  return ms;
}

/** Reads and checks the query parameters; throws BadRequest with a message naming the parameter. */
export function parseSeriesRequest(params: URLSearchParams, devices: Map<string, DeviceRow>): SeriesRequest {
  // Checked in this order so the first problem named is the same whatever else is wrong.
  const q = seriesQuerySchema.shape;
  const metric = readParam(q.metric, params, 'metric');
  const entity = readParam(q.entity, params, 'entity');
  const scopeDef = scopeMetric(metric);
  const deviceDef = deviceMetric(metric);
  if (scopeDef && !(SCOPES as readonly string[]).includes(entity))
    throw new BadRequest(`metric ${metric} is an area metric: entity must be area, sc or cq`);
  if (deviceDef) {
    const d = devices.get(entity);
    if (!d) throw new BadRequest(`metric ${metric} is a device metric: entity must be a device id from area.json`);
    if (!deviceDef.kinds.includes(d.kind))
      throw new BadRequest(
        `metric ${metric} is not measured by ${d.kind} devices (only ${deviceDef.kinds.join(', ')})`,
      );
  }
  const kind = (scopeDef ?? deviceDef)!.kind;
  const step = readParam(q.step, params, 'step');
  const allowed: readonly Agg[] = kind === 'energy' ? ['sum'] : ['avg', 'max'];
  const agg = (params.get('agg') ?? allowed[0]) as Agg;
  if (!allowed.includes(agg)) throw new BadRequest(`agg for ${kind} metric ${metric} must be ${allowed.join(' or ')}`);
  const fromMs = parseTime(readParam(q.from, params, 'from'), 'from');
  const toMs = parseTime(readParam(q.to, params, 'to'), 'to');
  if (fromMs >= toMs) throw new BadRequest('from must be before to');
  return { metric, entity, fromMs, toMs, step, agg };
}

const STEP_MS: Record<Exclude<Step, '1d' | '1mo'>, number> = { '1m': MINUTE_MS, '15m': 15 * MINUTE_MS, '1h': HOUR_MS };

/** Bucket starts covering [fromMs, toMs), at most maxPoints of them; `truncated` when the range needed more. */
export function bucketStarts(
  fromMs: number,
  toMs: number,
  step: Step,
  maxPoints = MAX_POINTS,
): { starts: number[]; endMs: number; truncated: boolean; wanted: number } {
  let first: number;
  let next: (t: number) => number;
  if (step === '1d') {
    first = shanghaiDayStartMs(fromMs);
    next = (t) => t + DAY_MS;
  } else if (step === '1mo') {
    first = shanghaiMonthStartMs(fromMs);
    next = (t) => addMonthsStartMs(t, 1);
  } else {
    const ms = STEP_MS[step];
    first = Math.floor(fromMs / ms) * ms;
    next = (t) => t + ms;
  }
  const approxStepMs = step === '1d' ? DAY_MS : step === '1mo' ? 30 * DAY_MS : STEP_MS[step];
  const wanted = Math.ceil((toMs - first) / approxStepMs);
  const starts: number[] = [];
  let t = first;
  while (t < toMs && starts.length < maxPoints) {
    starts.push(t);
    t = next(t);
  }
  return { starts, endMs: t, truncated: t < toMs, wanted };
}

/** Group width in minutes and offset so that (minute + offset) / width is the sub-bucket key. */
function grouping(step: Step): { widthMin: number; offsetMin: number } {
  if (step === '1m') return { widthMin: 1, offsetMin: 0 };
  if (step === '15m') return { widthMin: 15, offsetMin: 0 };
  if (step === '1h') return { widthMin: 60, offsetMin: 0 };
  // Days and months both fold Shanghai days (months are assembled from days in JS).
  return { widthMin: 1440, offsetMin: SHANGHAI_OFFSET_MIN };
}

export class SeriesQuery {
  constructor(
    private readonly storage: HistoryStorage,
    private readonly devices: Map<string, DeviceRow>,
  ) {}

  async run(req: SeriesRequest): Promise<SeriesResponse> {
    const b = bucketStarts(req.fromMs, req.toMs, req.step);
    const scopeDef = scopeMetric(req.metric);
    const fromMin = (b.starts[0] ?? 0) / MINUTE_MS;
    const toMin = b.endMs / MINUTE_MS;
    const { widthMin, offsetMin } = grouping(req.step);
    const coverage = await this.storage.coveredIntervals(b.starts[0] ?? b.endMs, b.endMs);
    let rows: SubBucket[];
    let leftOut: SubBucket[] = [];
    let maxOfWholeMinutes: ((fromMin: number, toMin: number) => Promise<number | null>) | undefined;
    let note: string | undefined;
    if (scopeDef) {
      const metric = req.metric as ScopeMetricId;
      const scope = req.entity as ScopeId;
      const fine = req.step === '1m' || req.step === '15m';
      rows = await this.storage.scopeBuckets(
        metric,
        scope,
        fine
          ? { resolution: 'minute', from: fromMin, to: toMin, widthMin, offsetMin }
          : { resolution: 'hour', from: fromMin / 60, to: Math.ceil(toMin / 60), widthMin, offsetMin },
      );
      if (scopeDef.kind === 'power') {
        leftOut = await this.partialScopeMinutes(metric, scope, coverage, fromMin, toMin);
        maxOfWholeMinutes = (from, to) => this.maxOfWholeMinutes(metric, scope, from, to, leftOut);
      }
    } else {
      const r = await this.deviceRows(req, fromMin, toMin, widthMin, offsetMin);
      rows = r.rows;
      note = r.note;
    }
    const def = (scopeDef ?? deviceMetric(req.metric))!;
    const points = await fold(b.starts, b.endMs, rows, req.agg, def.kind, coverage, { leftOut, maxOfWholeMinutes });
    const res: SeriesResponse = {
      metric: req.metric,
      entity: req.entity,
      unit: def.unit,
      step: req.step,
      agg: req.agg,
      timeZone: 'Asia/Shanghai',
      from: req.fromMs,
      to: b.truncated ? b.endMs : req.toMs,
      points,
    };
    if (b.truncated)
      res.capped = {
        reason: `the range needs about ${b.wanted} points at step ${req.step}; only the first ${MAX_POINTS} are returned (to is moved accordingly)`,
        maxPoints: MAX_POINTS,
      };
    if (note) res.note = note;
    return res;
  }

  private async deviceRows(
    req: SeriesRequest,
    fromMin: number,
    toMin: number,
    widthMin: number,
    offsetMin: number,
  ): Promise<{ rows: SubBucket[]; note?: string }> {
    const metric = req.metric as DeviceMetricId;
    const device = this.devices.get(req.entity)!.idx;
    // Minutes from this horizon on; before it 15-minute rows from quarterFrom (retention wrote them) and hours
    // throughout (the backfill's old hours, and retention's).
    const horizonMin = Math.ceil((await this.storage.deviceMinuteFromMs()) / MINUTE_MS);
    const quarterFromMin = Math.min(horizonMin, Math.ceil((await this.storage.deviceQuarterFromMs()) / MINUTE_MS));
    const rows: SubBucket[] = [];
    let note: string | undefined;
    if (toMin > horizonMin)
      rows.push(
        ...(await this.storage.deviceBuckets(metric, device, {
          resolution: 'minute',
          from: Math.max(fromMin, horizonMin),
          to: toMin,
          widthMin,
          offsetMin,
        })),
      );
    if (fromMin < horizonMin) {
      const coarse = widthMin >= 60 || req.step === '1d' || req.step === '1mo';
      if (coarse)
        rows.push(
          ...(await this.storage.deviceBuckets(metric, device, {
            resolution: 'hour',
            from: fromMin / 60,
            to: Math.min(Math.ceil(toMin / 60), Math.floor(horizonMin / 60)),
            widthMin,
            offsetMin,
          })),
        );
      else if (widthMin % 15 === 0) {
        if (toMin > quarterFromMin)
          rows.push(
            ...(await this.storage.deviceBuckets(metric, device, {
              resolution: 'quarter',
              from: Math.max(fromMin, quarterFromMin) / 15,
              to: Math.ceil(Math.min(toMin, horizonMin) / 15),
              widthMin,
              offsetMin,
            })),
          );
        if (fromMin < quarterFromMin)
          note = `per-device data before ${new Date(quarterFromMin * MINUTE_MS).toISOString()} is hourly only; use step 1h or coarser`;
      } else {
        const at = (min: number) => new Date(min * MINUTE_MS).toISOString();
        if (fromMin >= quarterFromMin)
          note = `per-device data before ${at(horizonMin)} is in 15-minute rows only; use step 15m or coarser`;
        else if (quarterFromMin === horizonMin)
          note = `per-device data before ${at(horizonMin)} is hourly only; use step 1h or coarser`;
        else
          note = `per-device data before ${at(quarterFromMin)} is hourly only (15-minute rows until ${at(horizonMin)}); use step 1h or coarser`;
      }
    }
    return { rows, note };
  }

  /**
   * The scope power of each minute the recorder saw only part of (partly-covered-minutes.ts): read back one minute
   * at a time (a few per restart) so that fold can take them out of whatever sub-bucket holds them, minute or hour.
   */
  private async partialScopeMinutes(
    metric: ScopeMetricId,
    scope: ScopeId,
    coverage: readonly CoveredInterval[],
    fromMin: number,
    toMin: number,
  ): Promise<SubBucket[]> {
    const out: SubBucket[] = [];
    for (const minute of partlyCoveredMinutes(coverage, fromMin, toMin))
      out.push(
        ...(await this.storage.scopeBuckets(metric, scope, {
          resolution: 'minute',
          from: minute,
          to: minute + 1,
          widthMin: 1,
          offsetMin: 0,
        })),
      );
    return out;
  }

  /** The largest scope power of the minutes [fromMin, toMin) the recorder saw whole (W; null: none). */
  private async maxOfWholeMinutes(
    metric: ScopeMetricId,
    scope: ScopeId,
    fromMin: number,
    toMin: number,
    leftOut: readonly SubBucket[],
  ): Promise<number | null> {
    const partial = new Set(leftOut.map((r) => r.startMin));
    const minutes = await this.storage.scopeBuckets(metric, scope, {
      resolution: 'minute',
      from: fromMin,
      to: toMin,
      widthMin: 1,
      offsetMin: 0,
    });
    let max: number | null = null;
    for (const r of minutes) if (!partial.has(r.startMin) && r.max !== null) max = Math.max(max ?? r.max, r.max);
    return max;
  }
}

/** Minutes a fold takes out of their buckets, and how to find a bucket's max without them. */
interface LeftOutMinutes {
  leftOut: readonly SubBucket[];
  maxOfWholeMinutes?: ((fromMin: number, toMin: number) => Promise<number | null>) | undefined;
}

/**
 * Folds sub-buckets into the requested buckets and applies coverage: uncovered or empty buckets are null. The minutes
 * left out (partly recorded) are taken out of their buckets' count and Σ; a bucket whose max may have been one of
 * them has its max read again from its whole minutes.
 */
async function fold(
  starts: number[],
  endMs: number,
  rows: SubBucket[],
  agg: Agg,
  kind: MetricKind,
  coverage: readonly CoveredInterval[],
  { leftOut, maxOfWholeMinutes }: LeftOutMinutes,
): Promise<Point[]> {
  const n = starts.length;
  const count = new Float64Array(n);
  const sum = new Float64Array(n);
  const max = new Array<number | null>(n).fill(null);
  const bucketEndMs = (k: number) => (k + 1 < n ? (starts[k + 1] as number) : endMs);
  const bucketOf = (startMin: number): number => {
    const t = startMin * MINUTE_MS;
    if (n === 0 || t < (starts[0] as number) || t >= endMs) return -1;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const r of rows) {
    const i = bucketOf(r.startMin);
    if (i < 0) continue;
    count[i] = (count[i] as number) + r.count;
    sum[i] = (sum[i] as number) + (r.sum ?? 0);
    if (r.max !== null) max[i] = Math.max(max[i] ?? Number.NEGATIVE_INFINITY, r.max);
  }
  const maxToReread = new Set<number>();
  for (const r of leftOut) {
    const i = bucketOf(r.startMin);
    if (i < 0) continue;
    count[i] = Math.max(0, (count[i] as number) - r.count);
    sum[i] = (sum[i] as number) - (r.sum ?? 0);
    if (r.max !== null && max[i] !== null && r.max >= (max[i] as number)) maxToReread.add(i);
  }
  if (agg === 'max')
    for (const i of maxToReread)
      max[i] =
        count[i] && maxOfWholeMinutes
          ? await maxOfWholeMinutes((starts[i] as number) / MINUTE_MS, bucketEndMs(i) / MINUTE_MS)
          : null;
  const covered = coveredMask(starts, endMs, coverage);
  const points: Point[] = new Array(n);
  for (let k = 0; k < n; k++) {
    let v: number | null = null;
    if (covered[k] && count[k]! > 0) {
      if (kind === 'energy') v = sum[k]! / 1000;
      else if (agg === 'max') v = max[k] === null ? null : max[k]! / 1000;
      else v = sum[k]! / count[k]! / 1000;
    }
    points[k] = [starts[k] as number, v === null ? null : Math.round(v * 1000) / 1000];
  }
  return points;
}

/** Per bucket: does any recorded interval overlap it. */
function coveredMask(starts: number[], endMs: number, intervals: readonly CoveredInterval[]): boolean[] {
  const mask: boolean[] = new Array(starts.length).fill(false);
  let j = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as number;
    const e = k + 1 < starts.length ? (starts[k + 1] as number) : endMs;
    while (j < intervals.length && intervals[j]!.endMs <= s) j++;
    mask[k] = j < intervals.length && intervals[j]!.startMs < e;
  }
  return mask;
}
