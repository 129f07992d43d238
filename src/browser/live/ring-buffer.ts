/**
 * Fixed-capacity time series: the oldest point is overwritten when full, so a series never grows, whatever the uptime.
 * Stores timestamps and values in typed arrays (no per-point objects for the garbage collector to chase).
 */
export class TimeSeriesRing {
  private readonly ts: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`capacity must be a positive integer: ${capacity}`);
    this.ts = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Appends a point; returns false (and stores nothing) when ts is not after the newest point. */
  push(tsMs: number, value: number): boolean {
    if (this.count > 0 && tsMs <= this.lastTs()) return false;
    const idx = (this.start + this.count) % this.capacity;
    this.ts[idx] = tsMs;
    this.values[idx] = value;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    return true;
  }

  /** Replaces the value of the newest point (used by rollups while a bucket is still open). */
  replaceLast(value: number): void {
    if (this.count === 0) return;
    this.values[(this.start + this.count - 1) % this.capacity] = value;
  }

  lastTs(): number {
    return this.count === 0 ? Number.NaN : (this.ts[(this.start + this.count - 1) % this.capacity] as number);
  }

  lastValue(): number {
    return this.count === 0 ? Number.NaN : (this.values[(this.start + this.count - 1) % this.capacity] as number);
  }

  /** Copies points with ts ≥ sinceMs into [ts, value] pairs, oldest first (the shape ECharts takes). */
  toPairs(sinceMs = Number.NEGATIVE_INFINITY): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.count; i++) {
      const idx = (this.start + i) % this.capacity;
      const t = this.ts[idx] as number;
      if (t >= sinceMs) out.push([t, this.values[idx] as number]);
    }
    return out;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}

/**
 * One-minute rollup (mean and max) of a series, in a ring. Each point is the bucket's start; the newest bucket is
 * updated in place until a sample of the next minute arrives.
 */
export class MinuteRollup {
  readonly mean: TimeSeriesRing;
  readonly max: TimeSeriesRing;
  private bucketStart = Number.NaN;
  private sum = 0;
  private n = 0;
  private peak = Number.NEGATIVE_INFINITY;

  constructor(capacityMinutes: number) {
    this.mean = new TimeSeriesRing(capacityMinutes);
    this.max = new TimeSeriesRing(capacityMinutes);
  }

  add(tsMs: number, value: number): void {
    const bucket = Math.floor(tsMs / 60_000) * 60_000;
    if (bucket < this.bucketStart) return; // late sample for a closed minute: dropped, never rewrites history
    if (bucket !== this.bucketStart) {
      this.bucketStart = bucket;
      this.sum = 0;
      this.n = 0;
      this.peak = Number.NEGATIVE_INFINITY;
      this.sum += value;
      this.n++;
      this.peak = value;
      this.mean.push(bucket, value);
      this.max.push(bucket, value);
      return;
    }
    this.sum += value;
    this.n++;
    this.peak = Math.max(this.peak, value);
    this.mean.replaceLast(this.sum / this.n);
    this.max.replaceLast(this.peak);
  }
}
