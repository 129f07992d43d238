/**
 * What the 保供 scene shows of supply reliability (pure: unit-tested without React): this year's RS-1 and SAIDI against
 * the area's targets, the faults self-healed and their mean restoration time, and each outage in progress in words
 * and as an overlay on the schematic. The live service computes every figure (src/core/domain/reliability/); the wall
 * only picks and words them, and says when they are missing or stale rather than show a number that is not true.
 *
 * Sections are numbered from 1 for people (section 0 of the contract, nearest the feeder head, is "第 1 段").
 */
import type { AreaConfig, FeederConfig } from '../../../core/config/area-schema';
import type { LiveReliability, OutageRecord } from '../../../core/contract/reliability';
import { SUSTAINED_INTERRUPTION_MIN } from '../../../core/contract/reliability-terms';
import type { Lang } from '../../../core/lang';
import { formatClock, shanghaiParts } from '../../../core/time/shanghai';
import type { ReliabilitySnapshot } from '../../live/live-reliability-store';
import { formatNumber } from '../../ui/format/number';
import type { SchematicOutage, SectionStatus } from './schematic-option';
import type { TileState } from './wall-figures';
import { tw } from './wall-messages';

/** The targets the area configures by year (area.json `targets`); absent in an area without them. */
interface ReliabilityTargets {
  rs1PctByYear?: Record<string, number>;
  saidiMinByYear?: Record<string, number>;
}

export type TargetVerdict = 'meets' | 'misses' | null;

export interface WallFigure {
  /** The number as shown ('—' when there is none). */
  value: string;
  unit: string;
  /** The line under it: the target, the count of faults … */
  sub: string;
  verdict: TargetVerdict;
}

export interface WallOutageLine {
  id: string;
  feederId: string;
  state: OutageRecord['state'];
  cause: OutageRecord['cause'];
  text: string;
}

export interface WallReliabilityView {
  /** The panel's state: waiting (nothing yet) or delayed (stale, with the time of the last indicators). */
  state: TileState;
  year: number | null;
  rs1: WallFigure;
  saidi: WallFigure;
  selfHealed: WallFigure;
  meanHealing: WallFigure;
  /** Outages in progress (not yet repaired), newest first; repaired ones leave the wall. */
  lines: WallOutageLine[];
  schematic: SchematicOutage[];
  outagesStale: boolean;
}

const DASH = '—';

/** A duration in seconds as the wall says it: 42 s, 6.5 min, 2.3 h. */
export function wallDuration(s: number | null, lang: Lang): { value: string; unit: string } {
  if (s === null || !Number.isFinite(s)) return { value: DASH, unit: '' };
  if (s < 120) return { value: formatNumber(s, lang, { decimals: 0 }), unit: tw(lang, 'rel.unit.s') };
  if (s < 2 * 3600) return { value: formatNumber(s / 60, lang, { decimals: 1 }), unit: tw(lang, 'rel.unit.min') };
  return { value: formatNumber(s / 3600, lang, { decimals: 1 }), unit: tw(lang, 'rel.unit.h') };
}

/** RS-1 near 100 %: four decimals tell 99.9997 % from the 99.975 % target. */
const rs1Text = (pct: number, lang: Lang) => formatNumber(pct, lang, { decimals: 4 });
/** A target as configured, without trailing zeros (99.975, 131). */
const targetText = (x: number, lang: Lang) => formatNumber(x, lang, { decimals: Number.isInteger(x) ? 0 : 3 });
const saidiText = (min: number, lang: Lang) => formatNumber(min, lang, { decimals: min < 10 ? 2 : min < 100 ? 1 : 0 });

function sectionList(sections: number[], lang: Lang): string {
  const ones = [...sections].sort((a, b) => a - b).map((s) => s + 1);
  return ones.length === 1
    ? tw(lang, 'rel.section', { n: ones[0] ?? 0 })
    : tw(lang, 'rel.sections', { list: ones.join(lang === 'zh' ? '、' : ', ') });
}

function sectionStatuses(o: OutageRecord, count: number): SectionStatus[] {
  const out: SectionStatus[] = [];
  for (let i = 0; i < count; i++) {
    const s = o.sections.find((x) => x.section === i);
    if (!s) out.push('upstream');
    else if (s.restoredAtMs === null) out.push(o.faultSection === i ? 'fault' : 'out');
    else out.push(s.restoredVia === 'tie' ? 'tie' : 'upstream');
  }
  return out;
}

/** Sections a feeder has: the area's (the model's sections) or, without them, as many as the record names. */
function sectionCount(o: OutageRecord, feeder: FeederConfig | undefined): number {
  const configured = (feeder as (FeederConfig & { sections?: unknown[] }) | undefined)?.sections?.length ?? 0;
  return Math.max(configured, ...o.sections.map((s) => s.section + 1), (o.faultSection ?? -1) + 1, 1);
}

export function outageLine(o: OutageRecord, config: Pick<AreaConfig, 'feeders'>, lang: Lang): string {
  // Without the mix suffix ("（工业）"): the line is read from across the hall and the schematic names them so too.
  const name = (id: string) =>
    (config.feeders.find((f) => f.id === id)?.name[lang] ?? id).replace(/（.*）|\s*\(.*\)/, '');
  const feeder = name(o.feederId);
  const out = o.sections.filter((s) => s.restoredAtMs === null).length;
  const fault = o.faultSection === null ? '' : sectionList([o.faultSection], lang);
  if (o.cause === 'planned') return tw(lang, 'rel.plannedOut', { feeder, out });
  if (o.state === 'tripped') return tw(lang, 'rel.tripped', { feeder, out });
  if (o.state === 'isolated') return tw(lang, 'rel.isolated', { feeder, fault, out });
  const back = o.sections.filter((s) => s.restoredAtMs !== null && s.restoredVia !== 'repair').length;
  const ties = [
    ...new Set(o.sections.flatMap((s) => (s.restoredVia === 'tie' && s.tieFeederId ? [s.tieFeederId] : []))),
  ];
  const via = ties.length
    ? tw(lang, 'rel.via', {
        tie: ties.map(name).join(lang === 'zh' ? '、' : ', '),
        cross: o.crossProvinceTie ? tw(lang, 'rel.cross') : '',
      })
    : '';
  return tw(lang, 'rel.restored', { feeder, back, via, fault });
}

function verdict(value: number, target: number | undefined, higherIsBetter: boolean): TargetVerdict {
  if (target === undefined) return null;
  return (higherIsBetter ? value >= target : value <= target) ? 'meets' : 'misses';
}

/**
 * @param serviceSilent the live core says its service is stale or offline (its Last Will arrives at once; the
 *   indicators would only be judged stale three minutes later): the reliability figures are delayed with the rest.
 */
export function wallReliabilityView(
  snap: Pick<ReliabilitySnapshot, 'outages' | 'indicators' | 'freshness'>,
  config: Pick<AreaConfig, 'feeders' | 'targets'>,
  lang: Lang,
  serviceSilent = false,
): WallReliabilityView {
  const area: LiveReliability | undefined = snap.indicators.area;
  const ytd = area?.yearToDate;
  const year = ytd ? shanghaiParts(ytd.toMs).year : null;
  const targets = config.targets as AreaConfig['targets'] & ReliabilityTargets;
  const rs1Target = year === null ? undefined : targets.rs1PctByYear?.[String(year)];
  const saidiTarget = year === null ? undefined : targets.saidiMinByYear?.[String(year)];
  const minutes = tw(lang, 'rel.unit.min');

  const stale = snap.freshness === 'stale' || serviceSilent;
  const state: TileState =
    snap.freshness === 'waiting' || !area
      ? { kind: 'waiting' }
      : stale
        ? { kind: 'delayed', late: [], lastGoodMs: area.ts, service: true }
        : { kind: 'live' };

  const judged = (v: TargetVerdict) =>
    v === 'meets' ? ` · ${tw(lang, 'rel.meets')}` : v === 'misses' ? ` · ${tw(lang, 'rel.misses')}` : '';
  const rs1Verdict = ytd ? verdict(ytd.all.rs1Pct, rs1Target, true) : null;
  const saidiVerdict = ytd ? verdict(ytd.all.saidiMin, saidiTarget, false) : null;
  const rs1: WallFigure = {
    value: ytd ? rs1Text(ytd.all.rs1Pct, lang) : DASH,
    unit: '%',
    sub:
      (rs1Target === undefined
        ? tw(lang, 'rel.noTarget')
        : tw(lang, 'rel.targetMin', { value: `${targetText(rs1Target, lang)}%` })) + judged(rs1Verdict),
    verdict: rs1Verdict,
  };
  const saidi: WallFigure = {
    value: ytd ? saidiText(ytd.all.saidiMin, lang) : DASH,
    unit: minutes,
    sub:
      (saidiTarget === undefined
        ? tw(lang, 'rel.noTarget')
        : tw(lang, 'rel.targetMax', { value: `${targetText(saidiTarget, lang)} ${minutes}` })) + judged(saidiVerdict),
    verdict: saidiVerdict,
  };
  const selfHealed: WallFigure = {
    value: ytd ? formatNumber(ytd.selfHealedFaults, lang, { decimals: 0 }) : DASH,
    unit: '',
    sub: !ytd ? DASH : ytd.faults === 0 ? tw(lang, 'rel.noFaults') : tw(lang, 'rel.faultsOf', { faults: ytd.faults }),
    verdict: null,
  };
  const healing = wallDuration(ytd?.meanSelfHealingS ?? null, lang);
  const meanHealing: WallFigure = { ...healing, sub: tw(lang, 'rel.healingSub'), verdict: null };

  const inProgress = (snap.outages?.outages ?? [])
    .filter((o) => o.state !== 'repaired')
    .sort((a, b) => b.startMs - a.startMs);
  const feederById = new Map(config.feeders.map((f) => [f.id, f]));
  return {
    state,
    year,
    rs1,
    saidi,
    selfHealed,
    meanHealing,
    lines: inProgress.map((o) => ({
      id: o.id,
      feederId: o.feederId,
      state: o.state,
      cause: o.cause,
      text: outageLine(o, config, lang),
    })),
    schematic: inProgress.map((o) => ({
      feederId: o.feederId,
      sections: sectionStatuses(o, sectionCount(o, feederById.get(o.feederId))),
      tiesFrom: [
        ...new Set(
          o.sections.flatMap((s) =>
            s.restoredAtMs !== null && s.restoredVia === 'tie' && s.tieFeederId ? [s.tieFeederId] : [],
          ),
        ),
      ],
    })),
    // Published on change only: as current as the service, which the indicators' freshness tells.
    outagesStale: snap.outages !== null && stale,
  };
}

/** The basis line under the panel title. */
export const reliabilityBasis = (lang: Lang) => tw(lang, 'rel.basis', { min: SUSTAINED_INTERRUPTION_MIN });

/** "as of" for a stale panel. */
export const reliabilityAsOf = (ms: number | null, lang: Lang) =>
  tw(lang, 'rel.stale', { time: ms === null ? DASH : formatClock(ms) });
