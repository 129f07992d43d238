/**
 * ECharts options of the progress screen, pure (data, labels, language and palette in; option out), so they are
 * unit-tested without a browser. Animation is off: this is a report, and a printed page or a PNG export must show
 * the final picture, not a frame of a transition.
 */

import type { Lang } from '../../../core/lang';
import { shanghaiParts } from '../../../core/time/shanghai';
import { CHART_FONT_FAMILY } from '../../ui/charts/chart-base';
import type { ChartPalette as ThemePalette } from '../../ui/charts/chart-theme';
import type { ChartOption } from '../../ui/charts/echarts-registry';
import { formatNumber } from '../../ui/format/number';
import { translate } from '../../ui/i18n/messages';
import type { DisplayStep } from './period';
import type { BucketValues } from './progress-figures';
import { MONTH_LABEL, progressMessages } from './progress-messages';

export interface ReportPalette {
  theme: 'dark' | 'light';
  background: string;
  text: string;
  grid: string;
  load: string;
  gridImport: string;
  pv: string;
  clean: string;
  target: string;
  sc: string;
  cq: string;
  area: string;
}

/** The desk screen: the product's own palette (theme.css, read by chart-theme.ts), by meaning. */
export function screenPalette(p: ThemePalette): ReportPalette {
  return {
    theme: 'dark',
    background: p.panel,
    text: p.textMuted,
    grid: p.grid,
    load: p.load,
    gridImport: p.gridImport,
    pv: p.pv,
    clean: p.clean,
    target: p.text,
    sc: p.sc,
    cq: p.cq,
    area: p.clean,
  };
}

/**
 * Paper (print and PNG): same meanings, darker tones so lines and labels hold on white. Its own values because
 * theme.css is the dark screen's theme and nothing else in the product prints.
 */
export const LIGHT_PALETTE: ReportPalette = {
  theme: 'light',
  background: '#ffffff',
  text: '#33414e',
  grid: '#d5dde5',
  load: '#6cb4e6',
  gridImport: '#0b4f80',
  pv: '#d08c00',
  clean: '#118a6e',
  target: '#222222',
  sc: '#3559c7',
  cq: '#d2571f',
  area: '#118a6e',
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Category label of a bucket: 'HH:00', 'MM-DD', or the month ('3月' / 'Mar', with the year when it changes). */
export function bucketLabel(tsMs: number, step: DisplayStep, lang: Lang, withYear = false): string {
  const p = shanghaiParts(tsMs);
  if (step === '1h') return `${pad2(p.hour)}:00`;
  if (step === '1d') return `${pad2(p.month)}-${pad2(p.day)}`;
  if (withYear) return `${p.year}-${pad2(p.month)}`;
  const id = MONTH_LABEL[p.month - 1];
  return id ? translate(progressMessages, lang, id) : String(p.month);
}

function categories(starts: readonly number[], step: DisplayStep, lang: Lang): string[] {
  const years = new Set(starts.map((t) => shanghaiParts(t).year));
  return starts.map((t) => bucketLabel(t, step, lang, years.size > 1));
}

export interface ScaledUnit {
  divisor: number;
  unit: string;
}

/** Energy axis unit by the largest value: kWh, MWh or GWh. */
export function energyAxisUnit(maxKwh: number): ScaledUnit {
  if (maxKwh >= 1e6) return { divisor: 1e6, unit: 'GWh' };
  if (maxKwh >= 1e3) return { divisor: 1e3, unit: 'MWh' };
  return { divisor: 1, unit: 'kWh' };
}

/** Mass axis unit by the largest value: kg, t, or 万t (zh) / kt (en). */
export function massAxisUnit(maxKg: number, lang: Lang): ScaledUnit {
  if (maxKg >= 1e7) return lang === 'zh' ? { divisor: 1e7, unit: '万t' } : { divisor: 1e6, unit: 'kt' };
  if (maxKg >= 1e3) return { divisor: 1e3, unit: 't' };
  return { divisor: 1, unit: 'kg' };
}

const maxOf = (...lists: BucketValues[]) =>
  lists.reduce((m, l) => l.reduce<number>((a, v) => (v !== null && v > a ? v : a), m), 0);
const scaled = (values: BucketValues, divisor: number) =>
  values.map((v) => (v === null ? null : Math.round((v / divisor) * 1000) / 1000));

export function base(palette: ReportPalette, lang: Lang) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: palette.text },
    // Clear of the card's edge (the card has little padding on paper).
    legend: { top: 2, right: 8, textStyle: { color: palette.text, fontSize: 12 }, itemWidth: 16, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 48, bottom: 8 },
    tooltip: {
      trigger: 'axis' as const,
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v, lang) : '—'),
    },
  };
}

function categoryAxis(labels: string[], palette: ReportPalette) {
  return {
    type: 'category' as const,
    data: labels,
    axisLabel: { color: palette.text, hideOverlap: true },
    axisLine: { lineStyle: { color: palette.grid } },
    axisTick: { show: false },
  };
}

export function valueAxis(name: string, palette: ReportPalette, extra: Record<string, unknown> = {}) {
  return {
    type: 'value' as const,
    name,
    nameTextStyle: { color: palette.text, align: 'left' as const },
    axisLabel: { color: palette.text },
    splitLine: { lineStyle: { color: palette.grid } },
    ...extra,
  };
}

/** The dashed line of a target or budget, in the palette's target colour. */
export function targetLine(name: string, data: BucketValues, palette: ReportPalette) {
  return {
    type: 'line' as const,
    name,
    data,
    showSymbol: false,
    lineStyle: { width: 2, type: 'dashed' as const, color: palette.target },
    itemStyle: { color: palette.target },
  };
}

/** What every report chart takes: the buckets on its category axis, the language and the palette. */
export interface BucketChartInput {
  bucketStartsMs: number[];
  step: DisplayStep;
  lang: Lang;
  palette: ReportPalette;
}

export function bucketAxis(input: BucketChartInput) {
  return categoryAxis(categories(input.bucketStartsMs, input.step, input.lang), input.palette);
}

/** A bar series in one colour, the bars of a bucket side by side. */
export function barSeries(name: string, data: BucketValues, color: string, barMaxWidth: number) {
  return { type: 'bar' as const, name, data, itemStyle: { color }, barMaxWidth, barGap: '10%' };
}

export interface ScopeSeries<T> {
  area: T;
  sc: T;
  cq: T;
}

/** The area's line (heavier) and each province's, in their colours, with a gap where a value is missing. */
export function scopeLines(
  byScope: ScopeSeries<BucketValues>,
  labels: ScopeSeries<string>,
  palette: ReportPalette,
  showSymbol: boolean,
) {
  const line = (name: string, data: BucketValues, color: string, width: number) => ({
    type: 'line' as const,
    name,
    data,
    connectNulls: false,
    showSymbol,
    symbolSize: 5,
    lineStyle: { width, color },
    itemStyle: { color },
  });
  return [
    line(labels.area, byScope.area, palette.area, 3),
    line(labels.sc, byScope.sc, palette.sc, 2),
    line(labels.cq, byScope.cq, palette.cq, 2),
  ];
}

/** The axis tooltip of a chart in percent. */
export function percentTooltip(lang: Lang, decimals: number) {
  return {
    trigger: 'axis' as const,
    valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatNumber(v, lang, { decimals })}%` : '—'),
  };
}

export interface EnergyBarsInput extends BucketChartInput {
  consumptionKwh: BucketValues;
  pvKwh: BucketValues;
  gridImportKwh: BucketValues;
  labels: { consumption: string; pv: string; gridImport: string };
}

/** Bars of consumption, grid import and PV per bucket for one province (consumption = import + PV). */
export function buildEnergyBarsOption(input: EnergyBarsInput): ChartOption {
  const { palette, labels } = input;
  const unit = energyAxisUnit(maxOf(input.consumptionKwh, input.pvKwh, input.gridImportKwh));
  const bar = (name: string, data: BucketValues, color: string) =>
    barSeries(name, scaled(data, unit.divisor), color, 18);
  return {
    ...base(palette, input.lang),
    xAxis: bucketAxis(input),
    yAxis: valueAxis(unit.unit, palette),
    series: [
      bar(labels.consumption, input.consumptionKwh, palette.load),
      bar(labels.gridImport, input.gridImportKwh, palette.gridImport),
      bar(labels.pv, input.pvKwh, palette.pv),
    ],
  };
}

export interface CleanShareInput extends BucketChartInput {
  sharePct: { area: BucketValues; sc: BucketValues; cq: BucketValues };
  targetPct: BucketValues;
  labels: { area: string; sc: string; cq: string; target: string };
}

/** Clean-energy share per bucket for the area and each province, against the year's target (a dashed step line). */
export function buildCleanShareOption(input: CleanShareInput): ChartOption {
  const { palette, labels } = input;
  const round1 = (v: BucketValues) => v.map((x) => (x === null ? null : Math.round(x * 10) / 10));
  const share = input.sharePct;
  return {
    ...base(palette, input.lang),
    tooltip: percentTooltip(input.lang, 1),
    xAxis: bucketAxis(input),
    yAxis: valueAxis('%', palette, { min: 0, max: 100 }),
    series: [
      ...scopeLines(
        { area: round1(share.area), sc: round1(share.sc), cq: round1(share.cq) },
        labels,
        palette,
        input.bucketStartsMs.length <= 31,
      ),
      { ...targetLine(labels.target, round1(input.targetPct), palette), step: 'middle' },
    ],
  };
}

export interface CumulativeCo2Input extends BucketChartInput {
  cumulativeKg: { sc: BucketValues; cq: BucketValues };
  budgetPathKg: BucketValues;
  labels: { sc: string; cq: string; budget: string };
}

/**
 * Cumulative scope-2 CO₂ since the period start, Sichuan and Chongqing stacked (their top is the area), against the
 * budget path: the configured annual budget spread evenly over the year.
 */
export function buildCumulativeCo2Option(input: CumulativeCo2Input): ChartOption {
  const { palette, labels } = input;
  const total = input.cumulativeKg.sc.map((v, i) => {
    const c = input.cumulativeKg.cq[i];
    return v === null || c == null ? null : v + c;
  });
  const unit = massAxisUnit(maxOf(total, input.budgetPathKg), input.lang);
  const area = (name: string, data: BucketValues, color: string) => ({
    type: 'line' as const,
    name,
    data: scaled(data, unit.divisor),
    stack: 'co2',
    showSymbol: false,
    lineStyle: { width: 1, color },
    itemStyle: { color },
    areaStyle: { color, opacity: palette.theme === 'dark' ? 0.45 : 0.35 },
  });
  return {
    ...base(palette, input.lang),
    xAxis: { ...bucketAxis(input), boundaryGap: false },
    yAxis: valueAxis(unit.unit, palette),
    series: [
      area(labels.sc, input.cumulativeKg.sc, palette.sc),
      area(labels.cq, input.cumulativeKg.cq, palette.cq),
      targetLine(labels.budget, scaled(input.budgetPathKg, unit.divisor), palette),
    ],
  };
}

/** The same option with a title and subtitle on top (PNG export: the picture must say what and when it is). */
export function withTitle(option: ChartOption, title: string, subtitle: string, palette: ReportPalette): ChartOption {
  const legend = (option.legend ?? {}) as Record<string, unknown>;
  const grid = (option.grid ?? {}) as Record<string, unknown>;
  return {
    ...option,
    title: {
      text: title,
      subtext: subtitle,
      left: 8,
      top: 6,
      textStyle: { color: palette.text, fontSize: 18, fontFamily: CHART_FONT_FAMILY },
      subtextStyle: { color: palette.text, fontSize: 12, fontFamily: CHART_FONT_FAMILY },
    },
    legend: { ...legend, top: 58, left: 8, right: 'auto' },
    grid: { ...grid, top: 100, left: 16, right: 24, bottom: 16 },
  };
}
