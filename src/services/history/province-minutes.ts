/**
 * One minute of the provinces from the minutes of their devices: power balance (core/domain/energy-balance) of the
 * devices' minute-mean powers, and Σ of their energies by kind. Pure; every storage adapter derives its province minutes
 * with it, so the rule is written once.
 */
import { type DevicePower, powerBalance } from '../../core/domain/energy-balance';
import type { DeviceRow, ProvinceId } from './storage/history-storage';

/** A device's stored minute: samples, Σ P (W) and energy (Wh). */
export interface DeviceMinuteTotals {
  device: number;
  n: number;
  sumPW: number;
  eWh: number;
}

/** Province minute as stored: powers in W (rounded), energies in Wh. */
export interface ProvinceMinuteW {
  province: ProvinceId;
  gridImportW: number;
  pvW: number;
  evW: number;
  eImportWh: number;
  ePvWh: number;
  eEvWh: number;
}

const w = (kw: number) => Math.round(kw * 1000);

/** The provinces with anything reported in that minute; devices not in byIdx (no longer configured) are left out. */
export function provinceMinutes(rows: readonly DeviceMinuteTotals[], byIdx: Map<number, DeviceRow>): ProvinceMinuteW[] {
  const feeders: DevicePower[] = [];
  const pv: DevicePower[] = [];
  const chargers: DevicePower[] = [];
  const energyWh = { sc: { import: 0, pv: 0, ev: 0 }, cq: { import: 0, pv: 0, ev: 0 } };
  for (const r of rows) {
    const d = byIdx.get(r.device);
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
  const out: ProvinceMinuteW[] = [];
  for (const province of ['sc', 'cq'] as const) {
    const b = balance[province];
    const e = energyWh[province];
    if (b.coverage.feeders.reporting + b.coverage.pv.reporting + b.coverage.chargers.reporting === 0 && !e.import)
      continue;
    out.push({
      province,
      gridImportW: w(b.gridImportKw),
      pvW: w(b.pvKw),
      evW: w(b.evKw),
      eImportWh: e.import,
      ePvWh: e.pv,
      eEvWh: e.ev,
    });
  }
  return out;
}
