/**
 * The dispatcher's outage and switching list as data (pure, unit-tested): which outages, in what order, each row's
 * words and tone, the timeline of one outage with device times in Beijing time, and the breaker and switch states of
 * a feeder derived from its outage record. The live service writes the records (src/core/contract/reliability.ts);
 * this only reads and words them.
 *
 * Sections are numbered from 1 for people (the contract's section 0, nearest the feeder head, is "第 1 段").
 */
import type { FeederConfig } from '../../../core/config/area-schema';
import type { OutageRecord } from '../../../core/contract/reliability';
import { SUSTAINED_INTERRUPTION_MIN } from '../../../core/contract/reliability-terms';
import type { Lang } from '../../../core/lang';
import { formatClock, formatDateTime } from '../../../core/time/shanghai';
import { formatNumber } from '../../ui/format/number';
import { type OutageMessageId, ot } from './outage-messages';

const STATE_TEXT = {
  tripped: 'state.tripped',
  isolated: 'state.isolated',
  restored: 'state.restored',
  repaired: 'state.repaired',
} as const satisfies Record<OutageRecord['state'], OutageMessageId>;
const SECTION_TEXT = {
  energised: 'section.energised',
  out: 'section.out',
  fault: 'section.fault',
  tie: 'section.tie',
  planned: 'section.planned',
} as const satisfies Record<string, OutageMessageId>;

const DAY_MS = 24 * 3600_000;

/** critical: supply lost and not yet back; warning: healthy sections back, the faulted one under repair; ok: over. */
export type OutageTone = 'critical' | 'warning' | 'ok';

export interface OutageRow {
  id: string;
  feederId: string;
  feederName: string;
  inProgress: boolean;
  tone: OutageTone;
  stateText: string;
  causeText: string;
  startText: string;
  durationText: string;
  sectionsText: string;
  customers: string;
  customerMinutes: string;
  selfHealingText: string;
  cross: boolean;
}

export interface TimelineStep {
  atMs: number;
  time: string;
  text: string;
  tone: OutageTone;
}

type FeederLike = Pick<FeederConfig, 'id' | 'name'>;
type AreaLike = { feeders: readonly FeederLike[] };

const isOver = (o: OutageRecord) => o.state === 'repaired';
const endMs = (o: OutageRecord) => o.repairedAtMs ?? o.startMs;

/** In progress first (newest first), then those ended in the last 24 h (latest ended first). */
export function outagesForList(outages: readonly OutageRecord[], nowMs: number): OutageRecord[] {
  const live = outages.filter((o) => !isOver(o)).sort((a, b) => b.startMs - a.startMs);
  const ended = outages.filter((o) => isOver(o) && nowMs - endMs(o) <= DAY_MS).sort((a, b) => endMs(b) - endMs(a));
  return [...live, ...ended];
}

/** 42 s, 6 min 05 s, 3 h 12 min: durations a dispatcher reads at a glance. */
export function outageDuration(ms: number, lang: Lang): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const [uh, um, us] = lang === 'zh' ? ['小时', '分', '秒'] : [' h', ' min', ' s'];
  if (h > 0) return `${h}${uh} ${String(m).padStart(2, '0')}${um}`;
  if (m > 0) return `${m}${um} ${String(sec).padStart(2, '0')}${us}`;
  return `${sec}${us}`;
}

export function feederNameOf(area: AreaLike, lang: Lang) {
  const byId = new Map(area.feeders.map((f) => [f.id, f]));
  return (id: string) => byId.get(id)?.name[lang] ?? id;
}

export function outageTone(o: OutageRecord): OutageTone {
  if (o.state === 'repaired') return 'ok';
  if (o.state === 'restored') return 'warning';
  return 'critical';
}

/** Start time: the clock for today's, the date too for yesterday's. */
function startText(startMs: number, nowMs: number): string {
  return nowMs - startMs < 12 * 3600_000 ? formatClock(startMs) : formatDateTime(startMs);
}

export function outageRow(o: OutageRecord, area: AreaLike, nowMs: number, lang: Lang): OutageRow {
  const name = feederNameOf(area, lang);
  const out = o.sections.filter((s) => s.restoredAtMs === null).length;
  const total = o.sections.length;
  const healingS = o.restoredAtMs === null ? null : (o.restoredAtMs - o.startMs) / 1000;
  const selfHealingText =
    o.cause === 'planned'
      ? ot(lang, 'healing.na')
      : healingS === null
        ? ot(lang, 'healing.pending')
        : o.selfHealed
          ? ot(lang, 'healing.yes', { time: outageDuration(healingS * 1000, lang) })
          : ot(lang, 'healing.no', { min: SUSTAINED_INTERRUPTION_MIN });
  const stateText =
    o.cause === 'planned' && o.state !== 'repaired' ? ot(lang, 'state.plannedOut') : ot(lang, STATE_TEXT[o.state]);
  return {
    id: o.id,
    feederId: o.feederId,
    feederName: name(o.feederId),
    inProgress: !isOver(o),
    tone: outageTone(o),
    stateText,
    causeText: ot(lang, o.cause === 'fault' ? 'cause.fault' : 'cause.planned'),
    startText: startText(o.startMs, nowMs),
    durationText: outageDuration((o.repairedAtMs ?? nowMs) - o.startMs, lang),
    sectionsText: out === 0 ? ot(lang, 'sections.allBack') : ot(lang, 'sections.out', { out, total }),
    customers: formatNumber(o.customersAffected, lang, { decimals: 0 }),
    customerMinutes: formatNumber(o.customerMinutes, lang, { decimals: 0 }),
    selfHealingText,
    cross: o.crossProvinceTie,
  };
}

/** Trip → isolated → each section back (upstream, across the tie from X, after repair) → over; device times. */
export function outageTimeline(o: OutageRecord, area: AreaLike, nowMs: number, lang: Lang): TimelineStep[] {
  const name = feederNameOf(area, lang);
  const step = (atMs: number, text: string, tone: OutageTone): TimelineStep => ({
    atMs,
    time: formatClock(atMs),
    text,
    tone,
  });
  const steps: TimelineStep[] = [
    step(
      o.startMs,
      ot(lang, o.cause === 'planned' ? 'timeline.plannedOpen' : 'timeline.trip', {
        sections: o.sections.length,
        customers: formatNumber(o.customersAffected, lang, { decimals: 0 }),
      }),
      'critical',
    ),
  ];
  if (o.isolatedAtMs !== null && o.cause === 'fault' && o.faultSection !== null)
    steps.push(step(o.isolatedAtMs, ot(lang, 'timeline.isolated', { section: o.faultSection + 1 }), 'critical'));
  const back = o.sections
    .filter((s) => s.restoredAtMs !== null)
    .sort((a, b) => (a.restoredAtMs ?? 0) - (b.restoredAtMs ?? 0) || a.section - b.section);
  for (const s of back) {
    const p = { section: s.section + 1, customers: formatNumber(s.customers, lang, { decimals: 0 }) };
    const text =
      s.restoredVia === 'tie'
        ? ot(lang, 'timeline.viaTie', {
            ...p,
            tie: s.tieFeederId ? name(s.tieFeederId) : '—',
            cross: o.crossProvinceTie ? ot(lang, 'timeline.crossMark') : '',
          })
        : s.restoredVia === 'repair'
          ? ot(lang, 'timeline.viaRepair', p)
          : ot(lang, 'timeline.viaUpstream', p);
    steps.push(step(s.restoredAtMs as number, text, s.restoredVia === 'repair' ? 'ok' : 'warning'));
  }
  if (o.restoredAtMs !== null && o.cause === 'fault')
    steps.push(
      step(
        o.restoredAtMs,
        ot(lang, 'timeline.selfHealed', { time: outageDuration(o.restoredAtMs - o.startMs, lang) }),
        'warning',
      ),
    );
  steps.sort((a, b) => a.atMs - b.atMs);
  if (o.repairedAtMs !== null)
    steps.push(
      step(
        o.repairedAtMs,
        ot(lang, 'timeline.repaired', { time: outageDuration(o.repairedAtMs - o.startMs, lang) }),
        'ok',
      ),
    );
  else
    for (const s of o.sections.filter((x) => x.restoredAtMs === null))
      steps.push({
        atMs: nowMs,
        time: '…',
        text: ot(lang, 'timeline.stillOut', {
          section: s.section + 1,
          customers: formatNumber(s.customers, lang, { decimals: 0 }),
        }),
        tone: 'critical',
      });
  return steps;
}

export type SwitchPosition = 'open' | 'closed';

export interface SwitchState {
  id: string;
  label: string;
  position: SwitchPosition;
  positionText: string;
  /** Not its normal position (an operator's eye goes here first). */
  changed: boolean;
}

export interface SectionState {
  section: number;
  label: string;
  status: 'energised' | 'out' | 'fault' | 'tie' | 'planned';
  text: string;
  customers: number;
}

export interface FeederSwitching {
  outageId: string;
  basis: string;
  switches: SwitchState[];
  sections: SectionState[];
}

interface SectionTie {
  tie: { id: string; feederId: string; section: number } | null;
}

/**
 * The breaker and switch positions the record implies now, for a feeder in (or recently after) an outage:
 * - the head breaker is open from the trip until section 0 is back from upstream;
 * - the sectionalising switches either side of the faulted section are open from isolation until the repair;
 * - a tie switch (normally open) is closed while a section of this feeder is fed across it.
 * A planned outage opens the head breaker until the work ends. Returns null without an outage for the feeder.
 */
export function feederSwitching(
  outage: OutageRecord | undefined,
  feeder: FeederConfig | undefined,
  area: AreaLike,
  lang: Lang,
): FeederSwitching | null {
  if (!outage || !feeder) return null;
  const name = feederNameOf(area, lang);
  const configured = (feeder as FeederConfig & { sections?: SectionTie[] }).sections ?? [];
  const n = Math.max(configured.length, ...outage.sections.map((s) => s.section + 1), 1);
  const over = outage.state === 'repaired';
  const sec = (i: number) => outage.sections.find((s) => s.section === i);
  const pos = (p: SwitchPosition, normal: SwitchPosition, id: string, label: string): SwitchState => ({
    id,
    label,
    position: p,
    positionText: ot(lang, p === 'open' ? 'switch.open' : 'switch.closed'),
    changed: p !== normal,
  });

  const headBack =
    over || (sec(0)?.restoredAtMs ?? null) !== null || (sec(0) === undefined && outage.state !== 'tripped');
  const switches: SwitchState[] = [pos(headBack ? 'closed' : 'open', 'closed', 'head', ot(lang, 'switch.head'))];
  const f = outage.faultSection;
  const isolating = !over && f !== null && outage.isolatedAtMs !== null;
  for (let k = 1; k < n; k++) {
    const open = isolating && (k === f || k === (f ?? -2) + 1);
    switches.push(pos(open ? 'open' : 'closed', 'closed', `sw-${k}`, ot(lang, 'switch.section', { a: k, b: k + 1 })));
  }
  const tieFeedersNow = new Set(
    over
      ? []
      : outage.sections.flatMap((s) =>
          s.restoredAtMs !== null && s.restoredVia === 'tie' && s.tieFeederId ? [s.tieFeederId] : [],
        ),
  );
  const ties = configured.flatMap((s) => (s.tie ? [s.tie] : []));
  // A tie the record names but the area does not (an area without sections): still shown, closed.
  for (const id of tieFeedersNow)
    if (!ties.some((t) => t.feederId === id)) ties.push({ id: `tie-${id}`, feederId: id, section: 0 });
  for (const t of ties)
    switches.push(
      pos(
        tieFeedersNow.has(t.feederId) ? 'closed' : 'open',
        'open',
        t.id,
        `${ot(lang, 'switch.tie', { tie: name(t.feederId) })}${ot(lang, 'switch.normallyOpen')}`,
      ),
    );

  const sections: SectionState[] = [];
  for (let i = 0; i < n; i++) {
    const s = sec(i);
    const status: SectionState['status'] =
      over || !s || s.restoredAtMs !== null
        ? !over && s?.restoredVia === 'tie'
          ? 'tie'
          : 'energised'
        : outage.faultSection === i && outage.isolatedAtMs !== null
          ? 'fault'
          : 'out';
    sections.push({
      section: i,
      label: ot(lang, 'section.name', { n: i + 1 }),
      status,
      text: ot(lang, SECTION_TEXT[status]),
      customers: s?.customers ?? 0,
    });
  }
  return {
    outageId: outage.id,
    basis: ot(lang, 'switches.basis', {
      time: formatClock(outage.repairedAtMs ?? outage.restoredAtMs ?? outage.isolatedAtMs ?? outage.startMs),
    }),
    switches,
    sections,
  };
}

/** The feeder's breaker and switch states as its telemetry reports them (feeder automation, payloads.ts). */
export interface ReportedSwitching {
  breakerClosed: boolean;
  sectionalisersClosed: readonly boolean[];
  tiesClosed: readonly (boolean | null)[];
  energised: readonly boolean[];
  /** Switched out on purpose (the located fault, planned work); absent from feeders that do not say. */
  isolated?: readonly boolean[];
}

/**
 * The positions the feeder itself reports (with its telemetry, device time `tsMs`): the truth when present, before any
 * derivation from a record. A section is "fed across a tie" when it is energised but not connected to the head
 * through the breaker and closed sectionalisers; a dead one switched out on purpose is the located fault (or planned
 * work, by the outage in progress), else "faulted" when the outage in progress names it, else only out.
 */
export function reportedSwitching(
  sw: ReportedSwitching,
  tsMs: number,
  outage: OutageRecord | undefined,
  feeder: FeederConfig | undefined,
  area: AreaLike,
  lang: Lang,
): FeederSwitching {
  const name = feederNameOf(area, lang);
  const configured = (feeder as (FeederConfig & { sections?: SectionTie[] }) | undefined)?.sections ?? [];
  const pos = (closed: boolean, normal: SwitchPosition, id: string, label: string): SwitchState => {
    const p: SwitchPosition = closed ? 'closed' : 'open';
    return {
      id,
      label,
      position: p,
      positionText: ot(lang, closed ? 'switch.closed' : 'switch.open'),
      changed: p !== normal,
    };
  };
  const switches: SwitchState[] = [pos(sw.breakerClosed, 'closed', 'head', ot(lang, 'switch.head'))];
  sw.sectionalisersClosed.forEach((closed, i) => {
    switches.push(pos(closed, 'closed', `sw-${i + 1}`, ot(lang, 'switch.section', { a: i + 1, b: i + 2 })));
  });
  sw.tiesClosed.forEach((closed, i) => {
    if (closed === null) return;
    const tie = configured[i]?.tie;
    const label = `${ot(lang, 'switch.tie', { tie: tie ? name(tie.feederId) : '—' })}${ot(lang, 'switch.normallyOpen')}`;
    switches.push(pos(closed, 'open', tie?.id ?? `tie-${i}`, label));
  });
  const inProgress = outage && outage.state !== 'repaired' ? outage : undefined;
  const sections: SectionState[] = sw.energised.map((on, i) => {
    const fromHead = sw.breakerClosed && sw.sectionalisersClosed.slice(0, i).every(Boolean);
    const status: SectionState['status'] = on
      ? fromHead
        ? 'energised'
        : 'tie'
      : sw.isolated?.[i]
        ? inProgress?.cause === 'planned'
          ? 'planned'
          : 'fault'
        : inProgress?.faultSection === i
          ? 'fault'
          : 'out';
    return {
      section: i,
      label: ot(lang, 'section.name', { n: i + 1 }),
      status,
      text: ot(lang, SECTION_TEXT[status]),
      customers: configuredCustomers(configured[i]) ?? outage?.sections.find((x) => x.section === i)?.customers ?? 0,
    };
  });
  return {
    outageId: outage?.id ?? '',
    basis: ot(lang, 'switches.reported', { time: formatClock(tsMs) }),
    switches,
    sections,
  };
}

const configuredCustomers = (s: unknown): number | null => {
  const c = s as { residential?: number; enterprise?: number } | undefined;
  return c && typeof c.residential === 'number' ? c.residential + (c.enterprise ?? 0) : null;
};

/** The outage the drill-down shows for a feeder: the one in progress, else the latest of the list. */
export function outageOfFeeder(outages: readonly OutageRecord[], feederId: string): OutageRecord | undefined {
  const mine = outages.filter((o) => o.feederId === feederId);
  return mine.find((o) => o.state !== 'repaired') ?? mine.sort((a, b) => b.startMs - a.startMs)[0];
}
