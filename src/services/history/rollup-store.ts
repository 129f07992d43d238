/**
 * Writes drained minute cells to the database in one transaction and keeps the derived tables in step: the province
 * minutes of every touched minute are recomputed from the device minutes (so late data lands everywhere), and the scope
 * hours of every touched hour from the province minutes.
 */
import { type DevicePower, powerBalance } from '../../core/domain/energy-balance';
import type { CoverageInterval, Db, DeviceRow } from './db';
import { SCOPE_KEY } from './db';
import type { DeviceCursor, MinuteCell } from './minute-accumulator';

const w = (kw: number) => Math.round(kw * 1000);

export interface ScopeMinuteValues {
  gridImportKw: number;
  pvKw: number;
  evKw: number;
  eImportKwh: number;
  ePvKwh: number;
  eEvKwh: number;
}

export class RollupStore {
  private readonly upsertCell;
  private readonly devicesAtMinute;
  private readonly upsertScopeMinute;
  private readonly hourOfProvince;
  private readonly hourOfArea;
  private readonly upsertScopeHour;
  private readonly upsertCursor;
  private readonly byIdx: Map<number, DeviceRow>;

  constructor(
    private readonly db: Db,
    devices: Map<string, DeviceRow>,
  ) {
    this.byIdx = new Map([...devices.values()].map((d) => [d.idx, d]));
    this.upsertCell = db.prepare(`
      INSERT INTO device_minute (device, minute, n, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v)
      VALUES (@device, @minute, @n, @sumPW, @maxPW, @eWh, @sumIMa, @sumUV)
      ON CONFLICT(device, minute) DO UPDATE SET
        n = n + excluded.n, sum_p_w = sum_p_w + excluded.sum_p_w,
        max_p_w = CASE WHEN max_p_w IS NULL THEN excluded.max_p_w WHEN excluded.max_p_w IS NULL THEN max_p_w
                       ELSE max(max_p_w, excluded.max_p_w) END,
        e_wh = e_wh + excluded.e_wh, sum_i_ma = sum_i_ma + excluded.sum_i_ma, sum_u_v = sum_u_v + excluded.sum_u_v`);
    this.devicesAtMinute = db.prepare(
      'SELECT device, n, sum_p_w AS sumPW, e_wh AS eWh FROM device_minute WHERE device IN (SELECT idx FROM device) AND minute = ?',
    );
    this.upsertScopeMinute = db.prepare(`
      INSERT OR REPLACE INTO scope_minute (scope, minute, grid_import_w, pv_w, ev_w, e_import_wh, e_pv_wh, e_ev_wh)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const hourAggregates = `count(*) AS minutes,
        sum(g) AS sg, max(g) AS mg, sum(pv) AS sp, max(pv) AS mp, sum(ev) AS se, max(ev) AS me,
        sum(g + pv) AS sc, max(g + pv) AS mc, sum(ei) AS ei, sum(ep) AS ep, sum(ee) AS ee`;
    this.hourOfProvince = db.prepare(`
      SELECT ${hourAggregates} FROM (SELECT grid_import_w AS g, pv_w AS pv, ev_w AS ev, e_import_wh AS ei,
        e_pv_wh AS ep, e_ev_wh AS ee FROM scope_minute WHERE scope = ? AND minute >= ? AND minute < ?)`);
    this.hourOfArea = db.prepare(`
      SELECT ${hourAggregates} FROM (SELECT sum(grid_import_w) AS g, sum(pv_w) AS pv, sum(ev_w) AS ev,
        sum(e_import_wh) AS ei, sum(e_pv_wh) AS ep, sum(e_ev_wh) AS ee FROM scope_minute
        WHERE scope IN (0, 1) AND minute >= ? AND minute < ? GROUP BY minute)`);
    this.upsertScopeHour = db.prepare(`
      INSERT OR REPLACE INTO scope_hour (scope, hour, minutes, sum_grid_import_w, max_grid_import_w, sum_pv_w, max_pv_w,
        sum_ev_w, max_ev_w, sum_consumption_w, max_consumption_w, e_import_wh, e_pv_wh, e_ev_wh)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.upsertCursor = db.prepare(`
      INSERT OR REPLACE INTO device_state (device, last_ts, counter0_kwh, counter1_kwh) VALUES (?, ?, ?, ?)`);
  }

  /** Persists one drain: device minutes, derived province minutes and scope hours, cursors, and the coverage end. */
  flush(
    cells: readonly MinuteCell[],
    cursors: Map<number, DeviceCursor>,
    coverage?: { id: number; endMs: number },
  ): { minutes: number } {
    const touchedMinutes = new Set<number>();
    this.db.transaction(() => {
      for (const c of cells) {
        this.upsertCell.run({
          device: c.device,
          minute: c.minute,
          n: c.n,
          sumPW: w(c.sumPKw),
          maxPW: c.maxPKw === null ? null : w(c.maxPKw),
          eWh: w(c.eKwh),
          sumIMa: w(c.sumIA),
          sumUV: w(c.sumUKv),
        });
        touchedMinutes.add(c.minute);
      }
      for (const m of touchedMinutes) this.recomputeScopeMinute(m);
      this.recomputeHours([...touchedMinutes].map((m) => Math.floor(m / 60)));
      for (const [device, c] of cursors)
        this.upsertCursor.run(device, c.lastTsMs, c.countersKwh[0] ?? null, c.countersKwh[1] ?? null);
      if (coverage) this.db.prepare('UPDATE coverage SET end_ms = ? WHERE id = ?').run(coverage.endMs, coverage.id);
    })();
    return { minutes: touchedMinutes.size };
  }

  private recomputeScopeMinute(minute: number): void {
    const rows = this.devicesAtMinute.all(minute) as { device: number; n: number; sumPW: number; eWh: number }[];
    const feeders: DevicePower[] = [];
    const pv: DevicePower[] = [];
    const chargers: DevicePower[] = [];
    const energyWh = { sc: { import: 0, pv: 0, ev: 0 }, cq: { import: 0, pv: 0, ev: 0 } };
    for (const r of rows) {
      const d = this.byIdx.get(r.device);
      if (!d) continue;
      const p: DevicePower = { province: d.province, pKw: r.n > 0 ? r.sumPW / r.n / 1000 : null };
      const e = energyWh[d.province];
      if (d.kind === 'feeder') {
        feeders.push(p);
        e.import += r.eWh;
      } else if (d.kind === 'pv') {
        pv.push(p);
        e.pv += r.eWh;
      } else if (d.kind === 'charger') {
        chargers.push(p);
        e.ev += r.eWh;
      }
    }
    const balance = powerBalance({ feeders, pv, chargers });
    for (const province of ['sc', 'cq'] as const) {
      const b = balance[province];
      const e = energyWh[province];
      if (b.coverage.feeders.reporting + b.coverage.pv.reporting + b.coverage.chargers.reporting === 0 && !e.import)
        continue;
      this.upsertScopeMinute.run(
        SCOPE_KEY[province],
        minute,
        w(b.gridImportKw),
        w(b.pvKw),
        w(b.evKw),
        e.import,
        e.pv,
        e.ev,
      );
    }
  }

  /** Rebuilds the scope hours (sc, cq, area) of the given hours from scope_minute. */
  recomputeHours(hours: Iterable<number>): void {
    for (const h of new Set(hours)) {
      const from = h * 60;
      const to = from + 60;
      const results: [number, ScopeHourAgg | undefined][] = [
        [SCOPE_KEY.sc, this.hourOfProvince.get(SCOPE_KEY.sc, from, to) as ScopeHourAgg | undefined],
        [SCOPE_KEY.cq, this.hourOfProvince.get(SCOPE_KEY.cq, from, to) as ScopeHourAgg | undefined],
        [SCOPE_KEY.area, this.hourOfArea.get(from, to) as ScopeHourAgg | undefined],
      ];
      for (const [scope, a] of results) {
        if (!a?.minutes) continue;
        this.upsertScopeHour.run(scope, h, a.minutes, a.sg, a.mg, a.sp, a.mp, a.se, a.me, a.sc, a.mc, a.ei, a.ep, a.ee);
      }
    }
  }

  /** Opens a coverage interval and returns its id. */
  openCoverage(interval: CoverageInterval): number {
    const r = this.db
      .prepare('INSERT INTO coverage (start_ms, end_ms, source) VALUES (?, ?, ?)')
      .run(interval.startMs, interval.endMs, interval.source);
    return Number(r.lastInsertRowid);
  }
}

interface ScopeHourAgg {
  minutes: number;
  sg: number;
  mg: number;
  sp: number;
  mp: number;
  se: number;
  me: number;
  sc: number;
  mc: number;
  ei: number;
  ep: number;
  ee: number;
}
