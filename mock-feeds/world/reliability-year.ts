/**
 * What the world's fault and outage rates make of a year: simulates the area for a calendar year (no warm-up, seeded)
 * and runs its feeder events through the live service's outage records and the reliability indicators — the same
 * code the product reports with — printing the year's faults, SAIDI, SAIFI, CAIDI and RS-1 per scope.
 *
 *   npx tsx mock-feeds/world/reliability-year.ts [--seed 1] [--year 2026] [--config public/config/area.json]
 *
 * The figures in area.json's `reliability.source` come from this (seeds 1 and 2, 2026).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { LIVE_SCOPES } from '../../src/core/contract/live-core';
import { LiveReliabilityState } from '../../src/services/live/live-reliability';
import { shanghaiToUtcMs } from './local-time';
import { createWorld } from './world';

const { values: a } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    year: { type: 'string', default: '2026' },
    config: { type: 'string', default: 'public/config/area.json' },
  },
  strict: true,
});
const config = parseAreaConfig(readFileSync(a.config!, 'utf8'), a.config!);
const year = Number(a.year);
const startMs = shanghaiToUtcMs(year, 1, 1);
const endMs = shanghaiToUtcMs(year + 1, 1, 1);
const world = createWorld(config, { seed: Number(a.seed), startMs, warmUpH: 0 });
const records = new LiveReliabilityState(config);
for (let t = startMs + 3_600_000; t <= endMs; t += 3_600_000) {
  world.advanceTo(t);
  for (const e of world.drainFeederEvents())
    records.apply({ type: 'event', feederId: e.feederId, province: e.province, data: e.event, atMs: e.event.ts });
}
const ind = records.indicators(endMs - 1);
console.log(`seed ${a.seed}, ${year}: ${records.size} outage records`);
for (const scope of LIVE_SCOPES) {
  const y = ind[scope].yearToDate;
  const f = (x: number | null, d = 1) => (x === null ? '–' : x.toFixed(d));
  console.log(
    `${scope.padEnd(4)} faults ${y.faults} (self-healed ${y.selfHealedFaults}, mean ${f(y.meanSelfHealingS)} s) | all causes: SAIDI ${f(y.all.saidiMin)} min, SAIFI ${f(y.all.saifi, 2)}, CAIDI ${f(y.all.caidiMin)} min, RS-1 ${y.all.rs1Pct.toFixed(4)} % | faults only: SAIDI ${f(y.unplanned.saidiMin)} min, RS-1 ${y.unplanned.rs1Pct.toFixed(4)} %`,
  );
}
