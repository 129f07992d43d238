/** A 10 kV feeder of an area file, as the area generators write it (generate-area.ts, big-area.ts). */
import type { AreaConfig } from '../../src/core/config/area-schema';
import { ratedCurrentA } from '../../src/core/domain/loading';

type Feeder = AreaConfig['feeders'][number];
const MIX_ZH = { industrial: '工业', commercial: '商业', residential: '居民' } as const;

export interface AreaFeederSpec {
  id: string;
  /** The line's name; the mix is added to it, as in the dispatcher's lists: "高滩1号线（工业）", "Gaotan line 1 (industrial)". */
  line: { zh: string; en: string };
  substation: { id: string; province: Feeder['province'] };
  ratedMva: number;
  mix: Feeder['mix'];
  basePeakKw: number;
  x: number;
  y: number;
}

/** The feeder, its rated current from its rating at 10 kV. */
export function areaFeeder(f: AreaFeederSpec): Feeder {
  return {
    id: f.id,
    name: { zh: `${f.line.zh}（${MIX_ZH[f.mix]}）`, en: `${f.line.en} (${f.mix})` },
    province: f.substation.province,
    substationId: f.substation.id,
    ratedMva: f.ratedMva,
    ratedA: ratedCurrentA(f.ratedMva, 10),
    nominalKv: 10,
    mix: f.mix,
    basePeakKw: f.basePeakKw,
    x: f.x,
    y: f.y,
  };
}
