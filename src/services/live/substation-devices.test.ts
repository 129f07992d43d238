/**
 * The substations' device documents: which devices each one lists, that a substation goes out only when one of its
 * devices changed, and that a big area takes its substations in turns so the documents stay within their budget.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../core/config/area-schema';
import type { Judged } from '../../core/contract/edge-judge';
import { substationMembers } from '../../core/contract/substation-devices';
import { dayStartMs } from '../../core/time/shanghai';
import { LiveArea } from './live-area';
import { DEVICE_DOCS_PER_S, deviceDocsRotation, SubstationDevicesDocs } from './substation-devices';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const T = Date.UTC(2026, 11, 2, 4, 0, 0);
const feeder = config.feeders[0]!;
const reading = (ts: number): Judged =>
  ({
    type: 'telemetry',
    kind: 'feeder',
    deviceId: feeder.id,
    data: { ts, pKw: 1000, qKvar: 100, iA: 57, uKv: 10.2, eImportKwh: 10, eExportKwh: 0 },
    atMs: ts,
  }) as Judged;

describe('substation device documents', () => {
  it('list every device once, under the substation its feeder hangs on', () => {
    const members = substationMembers(config);
    const all = [...members.values()].flat();
    const onFeeders = config.feeders.length + config.pvSites.length + config.chargingStations.length;
    expect(all.length).toBe(config.substations.length + onFeeders);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const station = config.chargingStations[0]!;
    const itsFeeder = config.feeders.find((f) => f.id === station.feederId)!;
    expect(members.get(itsFeeder.substationId)?.some((m) => m.id === station.id)).toBe(true);
  });

  it('go out when a device changed, not again until one changes', () => {
    const area = new LiveArea(config, { dayStartMs, holdMs: 60_000 });
    const docs = new SubstationDevicesDocs(config, 1_000);
    expect(docs.rotation).toBe(1);
    expect(docs.due(0, area, T)).toHaveLength(config.substations.length); // the first, before any reading
    expect(docs.due(1, area, T)).toHaveLength(0);
    area.apply(reading(T));
    const [doc] = docs.due(2, area, T + 1_000);
    expect(doc?.substationId).toBe(feeder.substationId);
    expect(doc?.devices.find((d) => d.id === feeder.id)?.telemetry).toMatchObject({ ts: T, pKw: 1000 });
    expect(docs.due(3, area, T + 2_000)).toHaveLength(0);
    area.apply({ type: 'status', deviceId: feeder.id, data: { ts: T, state: 'offline' }, atMs: T });
    expect(docs.due(4, area, T + 3_000).map((d) => d.substationId)).toEqual([feeder.substationId]);
  });

  it('take a big area’s substations in turns within the budget', () => {
    expect(deviceDocsRotation(178, 1_000)).toBe(1);
    expect(deviceDocsRotation(52_069, 1_000)).toBe(6);
    expect(deviceDocsRotation(52_069, 200)).toBe(27);
    const perS = DEVICE_DOCS_PER_S;
    expect(52_069 / deviceDocsRotation(52_069, 1_000)).toBeLessThanOrEqual(perS);
  });
});
