/**
 * The dispatcher's subscriptions by scope: one PC subscribes as it always did; a region's dispatcher subscribes to no
 * raw device topic, only to the selected substations' documents and the live core, and a new selection moves exactly
 * the documents' subscriptions. The store of a selection holds just its devices and keeps what it held before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../core/config/area-schema';
import { DataClock } from '../../core/contract/data-clock';
import { DeviceRegistry } from '../../core/contract/device-registry';
import { liveTopics } from '../../core/contract/live-core';
import { REGION_DISPATCH_FILTERS, substationDevicesTopic } from '../../core/contract/substation-devices';
import { topicMatches } from '../../core/contract/topic-match';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, TOPIC_ROOT } from '../../core/contract/topics';
import { dayStartMs } from '../../core/time/shanghai';
import {
  pickableSubstations,
  planChange,
  type ScopedView,
  SubstationSelection,
  scopedArea,
  subscriptionPlan,
} from './subscription-scope';
import { SubstationDevicesReader } from './substation-devices-reader';
import { TelemetryStore } from './telemetry-store';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const [a, b] = pickableSubstations(area);
const filters = (p: { filter: string }[]) => p.map((s) => s.filter);

describe('subscription plan', () => {
  it('in area scope is every device’s raw telemetry and status, as on one PC', () => {
    const plan = filters(subscriptionPlan('area', []));
    expect(plan).toContain(ALL_TELEMETRY_FILTER);
    expect(plan).toContain(ALL_STATUS_FILTER);
    expect(plan.some((f) => f.startsWith(`${TOPIC_ROOT}/live/devices/`))).toBe(false);
  });

  it('in substation scope is the selected documents and the live core, nothing of the raw stream', () => {
    const plan = filters(subscriptionPlan('substation', [a!.id]));
    expect(plan).toContain(substationDevicesTopic(a!.id));
    expect(plan).not.toContain(substationDevicesTopic(b!.id));
    for (const scope of ['area', 'sc', 'cq'] as const) expect(plan).toContain(liveTopics.figures(scope));
    expect(plan).not.toContain(ALL_TELEMETRY_FILTER);
    expect(new Set(plan).size).toBe(plan.length);
    // Every filter is one the region dispatcher's broker user may read (broker/acl.ts REGION_DISPATCH_FILTERS).
    for (const f of plan)
      expect(
        REGION_DISPATCH_FILTERS.some((allowed) => topicMatches(allowed, f)),
        f,
      ).toBe(true);
  });

  it('a new selection subscribes to the new documents and unsubscribes from the old ones only', () => {
    const change = planChange(subscriptionPlan('substation', [a!.id]), subscriptionPlan('substation', [b!.id]));
    expect(filters(change.subscribe)).toEqual([substationDevicesTopic(b!.id)]);
    expect(change.unsubscribe).toEqual([substationDevicesTopic(a!.id)]);
  });
});

describe('scoped area and selection', () => {
  it('holds the substation and its feeders, PV sites and stations', () => {
    const scoped = scopedArea(area, [a!.id]);
    expect(scoped.substations.map((s) => s.id)).toEqual([a!.id]);
    expect(scoped.feeders.length).toBe(area.feeders.filter((f) => f.substationId === a!.id).length);
    const feederIds = new Set(scoped.feeders.map((f) => f.id));
    expect(scoped.pvSites.every((p) => feederIds.has(p.feederId))).toBe(true);
    expect(scoped.chargingStations.every((c) => feederIds.has(c.feederId))).toBe(true);
  });

  it('hands on a changed selection once; the same one again costs nothing', () => {
    const applied: ScopedView[] = [];
    const sel = new SubstationSelection(area, (v) => applied.push(v));
    const first = sel.select([a!.id]);
    expect(sel.select([a!.id])).toBe(first);
    sel.select([b!.id]);
    expect(applied.map((v) => v.substationIds)).toEqual([[a!.id], [b!.id]]);
  });

  it('a re-scoped store shows the new substation and keeps the readings of the one before', () => {
    const T = Date.UTC(2026, 11, 2, 4, 0, 0);
    const store = new TelemetryStore(scopedArea(area, [a!.id]), { dayStartMs });
    const reader = new SubstationDevicesReader(new DataClock(() => T), new DeviceRegistry(area));
    const feederA = area.feeders.find((f) => f.substationId === a!.id)!;
    const reading = {
      ts: T,
      pKw: 1000,
      qKvar: 300,
      iA: 1044 / (Math.sqrt(3) * 10.4),
      uKv: 10.4,
      eImportKwh: 5,
      eExportKwh: 0,
    };
    const doc = {
      ts: T,
      substationId: a!.id,
      devices: [{ kind: 'feeder', province: feederA.province, id: feederA.id, presence: 'online', telemetry: reading }],
    };
    const payload = new TextEncoder().encode(JSON.stringify(doc));
    for (const j of reader.read(substationDevicesTopic(a!.id), payload, T)) store.applyJudged(j);
    // The same document again (the next one, nothing changed) passes nothing on.
    expect(reader.read(substationDevicesTopic(a!.id), payload, T)).toEqual([]);
    store.commit(T);
    expect(store.getSnapshot().devices.get(feederA.id)?.latest?.pKw).toBe(1000);
    store.rescope(scopedArea(area, [b!.id]));
    store.commit(T + 1_000);
    expect(store.config.substations.map((s) => s.id)).toEqual([b!.id]);
    expect(store.getSnapshot().devices.get(feederA.id)?.latest?.pKw).toBe(1000);
  });

  it('refuses a document on another substation’s topic', () => {
    const reader = new SubstationDevicesReader(new DataClock(), new DeviceRegistry(area));
    const doc = { ts: Date.UTC(2026, 11, 2), substationId: a!.id, devices: [] };
    const [j] = reader.read(substationDevicesTopic(b!.id), new TextEncoder().encode(JSON.stringify(doc)), 0);
    expect(j).toMatchObject({ type: 'rejected', reason: 'schema' });
  });
});
