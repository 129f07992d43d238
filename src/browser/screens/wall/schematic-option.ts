/**
 * The supply scene's grid schematic: 220 kV stations → the 110 kV double chain → 10 kV feeders, at the positions of
 * public/config/area.json (0–1000 × 0–600), Sichuan and Chongqing drawn as one grid with the 220 kV tie between them.
 *
 * Power flows as moving dots along each 220→110 link and each feeder stub: the dots move faster the more loaded the
 * line (three speed bands) and the line is wider the more power it carries; a feeder exporting (PV surplus) flows
 * upwards. Feeders are coloured AND shaped by loading state (● normal, ▲ heavy, ◆ overload, ○ no live data) and the
 * non-normal ones are labelled in words.
 *
 * The chart draws the still picture; the dots are the picture's `flows`, drawn over it by SchematicFlowDots.tsx as
 * compositor animations. An ECharts lines effect redrew the whole flow canvas every frame on the main thread — the
 * costliest thing on the wall with software rendering. The picture is built from quantised inputs (band, width step,
 * direction) so it changes only when what is drawn does.
 */
import type { AreaConfig, BilingualName } from '../../../core/config/area-schema';
import type { LoadingState } from '../../../core/domain/loading';
import type { Lang } from '../../../core/lang';
import { CHART_FONT_FAMILY } from '../../ui/charts/chart-base';
import type { ChartPalette } from '../../ui/charts/chart-theme';
import type { ChartOption } from '../../ui/charts/echarts-registry';

export type FlowBand = 'low' | 'mid' | 'high';

/**
 * Above this many feeders the schematic and the transition scene's map draw stations only: a region's thousands of
 * feeders are neither legible on the wall nor cheap to draw.
 */
export const SCHEMATIC_MAX_FEEDERS = 120;
/**
 * Above this many stations (a region's thousands) they are drawn as small unlabelled marks with no flow dots: names
 * would bury each other, and a dot per link is thousands of animated elements.
 */
export const SCHEMATIC_MAX_LABELLED_STATIONS = 40;
/** Crowded, the 220 kV stations keep their names only while they are this few (a region has thousands of those too). */
export const SCHEMATIC_MAX_NAMED_220KV = 10;

/** A region's thousands of stations: drawn as marks, without names or flow dots (the one test of crowding). */
export const isCrowded = (substations: readonly unknown[]) => substations.length > SCHEMATIC_MAX_LABELLED_STATIONS;

/** Which stations a crowded picture names: none of the 110 kV, the 220 kV while they are few. */
export function namedStations(substations: readonly { voltageKv: number }[]): (s: { voltageKv: number }) => boolean {
  if (!isCrowded(substations)) return () => true;
  const n220 = substations.filter((s) => s.voltageKv >= 220).length;
  return (s) => s.voltageKv >= 220 && n220 <= SCHEMATIC_MAX_NAMED_220KV;
}

export interface SchematicFeeder {
  id: string;
  /** null = no live data. */
  state: LoadingState | null;
  band: FlowBand;
  /** Line width step, 1–5. */
  widthStep: number;
  /** True when the feeder exports to the grid (reverse flow). */
  reverse: boolean;
}

/** How a section of a feeder in an outage stands: faulted (isolated), out, back from upstream, fed across a tie. */
export type SectionStatus = 'fault' | 'out' | 'upstream' | 'tie';

/** A feeder in an outage (src/browser/screens/wall/reliability-view.ts): drawn section by section. */
export interface SchematicOutage {
  feederId: string;
  /** Status of each section, head first (index = the contract's section). */
  sections: readonly SectionStatus[];
  /** Feeders supplying some of its sections across a closed tie now. */
  tiesFrom: readonly string[];
}

export interface SchematicSubstation {
  id: string;
  band: FlowBand;
  widthStep: number;
  live: boolean;
}

export interface SchematicInput {
  config: Pick<AreaConfig, 'substations' | 'feeders' | 'links' | 'provinces'>;
  feeders: readonly SchematicFeeder[];
  substations: readonly SchematicSubstation[];
  lang: Lang;
  labels: { heavy: string; overload: string; noData: string; sc: string; cq: string; out?: string; tie?: string };
  palette: Pick<
    ChartPalette,
    'text' | 'textMuted' | 'grid' | 'load' | 'sc' | 'cq' | 'normal' | 'heavy' | 'overload' | 'stale' | 'labelBackdrop'
  >;
  /** Outages in progress: the stub drawn by section (out ones grey and dashed), the tie path drawn across. */
  outages?: readonly SchematicOutage[];
}

/** A stable string of the outage picture, for the caller's rebuild key. */
export function outageKey(outages: readonly SchematicOutage[]): string {
  return outages.map((o) => `${o.feederId}:${o.sections.join('')}:${o.tiesFrom.join('+')}`).join(';');
}

const lerp = (a: Coord, b: Coord, t: number): Coord => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** Loading % → speed band. */
export function flowBand(loadingPct: number | null): FlowBand {
  if (loadingPct === null || !Number.isFinite(loadingPct) || loadingPct < 40) return 'low';
  return loadingPct < 80 ? 'mid' : 'high';
}

/** Loading % → line width step 1–5 (1 for unknown). */
export function widthStep(loadingPct: number | null): number {
  if (loadingPct === null || !Number.isFinite(loadingPct)) return 1;
  return Math.min(5, 1 + Math.floor(Math.max(0, loadingPct) / 25));
}

/** Seconds for a dot to travel a line, per band: busier lines flow faster. */
export const FLOW_PERIOD_S: Record<FlowBand, number> = { low: 6, mid: 3.5, high: 1.8 };

const SHAPE: Record<LoadingState | 'none', string> = {
  normal: 'circle',
  heavy: 'triangle',
  overload: 'diamond',
  none: 'emptyCircle',
};

type Coord = [number, number];

/** A line power flows along, in the schematic's coordinates (x 0–1000, y 0–600 down), from → to. */
export interface FlowLine {
  coords: [Coord, Coord];
  band: FlowBand;
  /** A restoration path across a closed tie: one bigger dot. */
  tie?: boolean;
}

/** The chart's plot area and axes: where a coordinate is drawn (SchematicFlowDots.tsx places its dots by the same). */
export const SCHEMATIC_GRID = { left: 24, right: 24, top: 12, bottom: 12 } as const;
export const SCHEMATIC_X = { min: -20, max: 1020 } as const;
export const SCHEMATIC_Y = { min: -10, max: 600 } as const;

/** A straight line drawn in the still picture: a link, a feeder stub or one section of it, a path across a tie. */
export interface SchematicLine {
  coords: [Coord, Coord];
  lineStyle: { width: number; color: string; opacity: number; type?: 'solid' | 'dashed' };
}

export interface SchematicPicture {
  option: ChartOption;
  /** What the chart draws as lines: the grid, then the paths across closed ties above it. */
  lines: SchematicLine[];
  ties: SchematicLine[];
  /** Where the dots move: busier lines in a faster band. */
  flows: FlowLine[];
}

const nameOf = (n: BilingualName, lang: Lang) => n[lang];

/** A stable string of everything the picture depends on: the option is rebuilt only when it changes. */
export function schematicKey(feeders: readonly SchematicFeeder[], subs: readonly SchematicSubstation[]): string {
  return (
    feeders.map((f) => `${f.state ?? '-'}${f.band[0]}${f.widthStep}${f.reverse ? 'r' : ''}`).join(',') +
    '|' +
    subs.map((s) => `${s.live ? 1 : 0}${s.band[0]}${s.widthStep}`).join(',')
  );
}

export function buildSchematicPicture(input: SchematicInput): SchematicPicture {
  const { config, palette, labels, lang } = input;
  const subById = new Map(config.substations.map((s) => [s.id, s]));
  const feederState = new Map(input.feeders.map((f) => [f.id, f]));
  const subState = new Map(input.substations.map((s) => [s.id, s]));

  // Province split: halfway between the easternmost Sichuan node and the westernmost Chongqing node.
  const xs = (p: 'sc' | 'cq') => [
    ...config.substations.filter((s) => s.province === p).map((s) => s.x),
    ...config.feeders.filter((f) => f.province === p).map((f) => f.x),
  ];
  const scMax = Math.max(...xs('sc'));
  const cqMin = Math.min(...xs('cq'));
  const splitX = scMax < cqMin ? (scMax + cqMin) / 2 : null;

  const staticLines: SchematicLine[] = [];
  const flows: FlowLine[] = [];
  const crowd = isCrowded(config.substations);

  for (const link of config.links) {
    const a = subById.get(link.from);
    const b = subById.get(link.to);
    if (!a || !b) continue;
    const from: Coord = [a.x, a.y];
    const to: Coord = [b.x, b.y];
    if (link.voltageKv >= 220) {
      staticLines.push({ coords: [from, to], lineStyle: { width: 6, color: palette.load, opacity: 0.9 } });
    } else if (a.voltageKv === 110 && b.voltageKv === 110) {
      // The 110 kV double chain: two parallel circuits.
      for (const dy of [-5, 5])
        staticLines.push({
          coords: [
            [from[0], from[1] + dy],
            [to[0], to[1] + dy],
          ],
          lineStyle: { width: 2, color: palette.load, opacity: 0.7 },
        });
    } else {
      const down = a.voltageKv > b.voltageKv ? b : a;
      const up = down === b ? a : b;
      const s = subState.get(down.id);
      staticLines.push({
        coords: [
          [up.x, up.y],
          [down.x, down.y],
        ],
        lineStyle: {
          width: crowd ? 1 : 2 + (s?.widthStep ?? 1),
          color: s?.live ? palette.load : palette.stale,
          opacity: crowd ? 0.35 : 0.55,
        },
      });
      if (s?.live && !crowd)
        flows.push({
          coords: [
            [up.x, up.y],
            [down.x, down.y],
          ],
          band: s.band,
        });
    }
  }

  const outageOf = new Map((input.outages ?? []).map((o) => [o.feederId, o]));
  const feederById = new Map(config.feeders.map((f) => [f.id, f]));
  const outageMarks: Record<string, unknown>[] = [];
  const tiePaths: SchematicLine[] = [];
  const tieStyle = { width: 5, color: palette.normal, opacity: 0.9, type: 'solid' as const };
  const shortName = (n: BilingualName) => nameOf(n, lang).replace(/（.*）|\(.*\)/, '');

  /** A feeder's name and its state word, above it (below it in the lower half), on the label backdrop. */
  const feederLabel = (f: { name: BilingualName; y: number }, word: string, color: string) => ({
    show: true,
    position: f.y > 460 ? ('bottom' as const) : ('top' as const),
    formatter: `${shortName(f.name)}\n${word}`,
    color,
    fontSize: 18,
    fontWeight: 'bold' as const,
    lineHeight: 21,
    backgroundColor: palette.labelBackdrop,
    padding: [2, 4],
    borderRadius: 3,
  });

  /** A feeder in an outage: its stub in sections (out: grey dashed; faulted: red with ✕), ties closed onto it. */
  function outageFeeder(
    f: SchematicInput['config']['feeders'][number],
    sub: { x: number; y: number },
    outage: SchematicOutage,
  ) {
    const head: Coord = [sub.x, sub.y];
    const end: Coord = [f.x, f.y];
    const n = Math.max(1, outage.sections.length);
    outage.sections.forEach((status, k) => {
      const dead = status === 'out' || status === 'fault';
      staticLines.push({
        coords: [lerp(head, end, k / n), lerp(head, end, (k + 1) / n)],
        lineStyle: {
          width: dead ? 5 : 4,
          color:
            status === 'fault'
              ? palette.overload
              : dead
                ? palette.stale
                : status === 'tie'
                  ? palette.normal
                  : palette.load,
          opacity: dead ? 0.95 : 0.8,
          type: dead ? 'dashed' : 'solid',
        },
      });
      if (status === 'fault')
        outageMarks.push({
          value: lerp(head, end, (k + 0.5) / n),
          symbol: 'circle',
          symbolSize: 1,
          itemStyle: { color: 'transparent' },
          label: {
            show: true,
            position: 'inside',
            formatter: '✕',
            color: palette.overload,
            fontSize: 26,
            fontWeight: 'bold',
          },
        });
    });
    for (const fromId of outage.tiesFrom) {
      const from = feederById.get(fromId);
      if (from) {
        tiePaths.push({ coords: [[from.x, from.y], end], lineStyle: tieStyle });
        flows.push({ coords: [[from.x, from.y], end], band: 'mid', tie: true });
      }
    }
    const endOut = outage.sections[n - 1] === 'out' || outage.sections[n - 1] === 'fault';
    const color = endOut ? palette.stale : palette.normal;
    const word = endOut ? (labels.out ?? '') : outage.tiesFrom.length ? (labels.tie ?? '') : (labels.out ?? '');
    return {
      name: nameOf(f.name, lang),
      value: [f.x, f.y],
      symbol: endOut ? 'emptyCircle' : 'circle',
      symbolSize: 18,
      itemStyle: { color, borderColor: color, borderWidth: endOut ? 3 : 0 },
      // Out at its far end: red like the strip's trip; fed again across the tie: amber, healed but not repaired.
      label: feederLabel(f, word, endOut ? palette.overload : palette.heavy),
    };
  }

  const feederNodes = config.feeders.map((f) => {
    const st = feederState.get(f.id);
    const sub = subById.get(f.substationId);
    const outage = outageOf.get(f.id);
    if (outage && sub) return outageFeeder(f, sub, outage);
    const state = st?.state ?? null;
    const color =
      state === 'overload'
        ? palette.overload
        : state === 'heavy'
          ? palette.heavy
          : state === 'normal'
            ? palette.normal
            : palette.stale;
    if (sub) {
      const width = st?.widthStep ?? 1;
      staticLines.push({
        coords: [
          [sub.x, sub.y],
          [f.x, f.y],
        ],
        lineStyle: {
          width,
          color: state ? palette.load : palette.stale,
          opacity: state ? 0.45 : 0.35,
          type: state ? 'solid' : 'dashed',
        },
      });
      if (state && st)
        flows.push({
          coords: st.reverse
            ? [
                [f.x, f.y],
                [sub.x, sub.y],
              ]
            : [
                [sub.x, sub.y],
                [f.x, f.y],
              ],
          band: st.band,
        });
    }
    // Only heavy and overloaded feeders carry a label; a feeder without live data is told by its hollow grey shape
    // and the legend (forty "no data" labels would bury the picture during an outage).
    const word = state === 'overload' ? labels.overload : state === 'heavy' ? labels.heavy : '';
    return {
      name: nameOf(f.name, lang),
      value: [f.x, f.y],
      symbol: SHAPE[state ?? 'none'],
      symbolSize: state === 'overload' ? 26 : state === 'heavy' ? 22 : 14,
      itemStyle: { color, borderColor: color, borderWidth: state ? 0 : 2 },
      label: word ? feederLabel(f, word, color) : { show: false },
    };
  });

  // Crowded, the 110 kV marks are drawn as one large-mode scatter per colour (one path each, not a displayable per
  // station, and not progressively over many frames).
  const crowdMarks = new Map<string, { color: string; size: [number, number]; data: Coord[] }>();
  const named = namedStations(config.substations);
  const subNodes = config.substations.flatMap((s) => {
    const live = subState.get(s.id)?.live ?? false;
    const is220 = s.voltageKv >= 220;
    const color = live ? (s.province === 'sc' ? palette.sc : palette.cq) : palette.stale;
    if (!named(s)) {
      const key = `${color}|${is220}`;
      const marks = crowdMarks.get(key) ?? { color, size: is220 ? [14, 10] : [10, 7], data: [] };
      crowdMarks.set(key, marks);
      marks.data.push([s.x, s.y]);
      return [];
    }
    return {
      name: nameOf(s.name, lang),
      value: [s.x, s.y],
      symbol: 'roundRect',
      symbolSize: is220 ? [46, 30] : [34, 22],
      itemStyle: {
        color,
        borderColor: palette.text,
        borderWidth: is220 ? 2 : 1,
      },
      label: {
        show: true,
        position: 'top' as const,
        distance: is220 ? 10 : 14,
        // At 110 kV the name only ("高滩", "Gaotan"): six side by side fit only so at the wall's 18 px; the title says
        // 110 kV and the smaller symbol marks the level.
        formatter: is220 ? nameOf(s.name, lang) : nameOf(s.name, lang).replace(/\s*110\s?kV(变电站)?$/, ''),
        color: palette.text,
        fontSize: 18,
        fontWeight: is220 ? ('bold' as const) : ('normal' as const),
      },
    };
  });

  const markAreaData =
    splitX === null
      ? []
      : [
          [
            { xAxis: 0, yAxis: 0, name: labels.sc, itemStyle: { color: palette.sc, opacity: 0.06 } },
            { xAxis: splitX, yAxis: 600 },
          ],
          [
            { xAxis: splitX, yAxis: 0, name: labels.cq, itemStyle: { color: palette.cq, opacity: 0.06 } },
            { xAxis: 1000, yAxis: 600 },
          ],
        ];

  const option: ChartOption = {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: palette.text },
    grid: SCHEMATIC_GRID,
    xAxis: { type: 'value', ...SCHEMATIC_X, show: false },
    yAxis: { type: 'value', ...SCHEMATIC_Y, inverse: true, show: false },
    series: [
      {
        // The provinces' shading, under everything.
        type: 'line',
        silent: true,
        data: [],
        markArea: markAreaData.length
          ? {
              silent: true,
              label: {
                show: true,
                position: 'insideBottom',
                color: palette.textMuted,
                fontSize: 18,
                distance: 8,
              },
              // biome-ignore lint/suspicious/noExplicitAny: ECharts' markArea pair typing is looser than its docs
              data: markAreaData as any,
            }
          : undefined,
      },
      ...lineSeries(staticLines, 0),
      ...[...crowdMarks.values()].map(({ color, size, data }) => ({
        type: 'scatter' as const,
        coordinateSystem: 'cartesian2d',
        silent: true,
        large: true,
        largeThreshold: 0,
        progressive: 0,
        zlevel: 2,
        symbol: 'rect',
        symbolSize: size,
        itemStyle: { color },
        data,
      })),
      // The restoration path across a closed tie: a solid line in the normal colour (its dot is one of the flows).
      ...lineSeries(tiePaths, 1),
      {
        type: 'scatter',
        coordinateSystem: 'cartesian2d',
        silent: true,
        zlevel: 2,
        data: [...subNodes, ...feederNodes, ...outageMarks],
      },
    ],
  };
  return { option, flows, lines: staticLines, ties: tiePaths };
}

/**
 * Straight lines as plain line series, one per style, each segment ended by an empty point so the next one starts
 * afresh. ECharts' \`lines\` series would draw them too, but it is ≈ 4 KB gzipped the wall's route does not otherwise need
 * now that nothing moves along it (the dots are SchematicFlowDots.tsx's).
 */
export function lineSeries(lines: readonly SchematicLine[], zlevel: number) {
  const byStyle = new Map<string, { style: SchematicLine['lineStyle']; data: (Coord | ['-', '-'])[] }>();
  for (const l of lines) {
    const key = JSON.stringify(l.lineStyle);
    const group = byStyle.get(key) ?? { style: l.lineStyle, data: [] };
    byStyle.set(key, group);
    group.data.push(l.coords[0], l.coords[1], ['-', '-']);
  }
  return [...byStyle.values()].map((g) => ({
    type: 'line' as const,
    silent: true,
    zlevel,
    symbol: 'none',
    connectNulls: false,
    lineStyle: { type: 'solid' as const, ...g.style },
    data: g.data,
  }));
}
