/**
 * Measures what the history backfill costs: a world advanced minute by minute over 13 months, with and without reading
 * every device's telemetry each minute. CPU time is printed too: wall time on a shared machine says little.
 *
 *   npx tsx tests/bench/backfill-bench.ts [days=396]
 */
import { readFileSync } from 'node:fs';
import { createWorld } from '../../mock-feeds/world/world';
import { parseAreaConfig } from '../../src/core/config/area-schema';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const days = Number(process.argv[2] ?? 396);
const startMs = Date.now() - days * 86_400_000;
const endMs = startMs + days * 86_400_000;

for (const read of [false, true]) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const world = createWorld(config, { seed: 1, startMs });
  let reads = 0;
  for (let t = startMs; t <= endMs; t += 60_000) {
    world.advanceTo(t);
    if (!read) continue;
    for (const d of world.devices()) {
      if (d.kind === 'feeder') world.feeder(d.id);
      else if (d.kind === 'pv') world.pv(d.id);
      else if (d.kind === 'charger') world.charger(d.id);
      else world.substation(d.id);
      reads++;
    }
  }
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(
    `[bench] ${days} days minute by minute, ${world.devices().length} devices${read ? `, ${reads} telemetry reads` : ''}: ${s.toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU`,
  );
}
