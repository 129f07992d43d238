/** `npm run area:big -- [--feeders 10000] [--out .data/area-10k.json] [--base public/config/area.json]`: see big-area.ts. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { bigArea } from './big-area';

const { values: a } = parseArgs({
  options: {
    feeders: { type: 'string', default: '10000' },
    out: { type: 'string' },
    base: { type: 'string', default: 'public/config/area.json' },
  },
  strict: true,
});
try {
  const feeders = Number(a.feeders);
  const base = parseAreaConfig(readFileSync(a.base!, 'utf8'), a.base!);
  const area = bigArea(base, { feeders });
  const out = resolve(a.out ?? `.data/area-${feeders % 1000 === 0 ? `${feeders / 1000}k` : feeders}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(area, null, 1)}\n`);
  const rel = relative(process.cwd(), out);
  console.log(
    `wrote ${rel}: ${area.feeders.length} feeders on ${area.substations.length} substations, ` +
      `${area.pvSites.length} PV sites, ${area.chargingStations.length} charging stations (a load-test area)\n` +
      `run it: npm start -- --config ${rel}`,
  );
} catch (e) {
  console.error(`area:big: ${(e as Error).message}`);
  process.exit(1);
}
