/**
 * Settings every chart shares, so all screens look alike and tell time the same way:
 * - ECharts draws text on a canvas, which does not fall back through CSS fonts: name the shipped CJK font explicitly,
 *   or Chinese labels render as empty boxes on machines without a system CJK font.
 * - ECharts formats time axes in the browser's zone; the area's day is Asia/Shanghai whatever the display PC says.
 */
import { formatHourMinute, shanghaiParts } from '../../../core/time/shanghai';

export const CHART_FONT_FAMILY = "'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/** The text style every chart shares: the shipped CJK font, muted text. */
export function chartTextStyle(palette: { textMuted: string }) {
  return { fontFamily: CHART_FONT_FAMILY, color: palette.textMuted };
}

/** Axis label for a time axis: HH:mm in Asia/Shanghai (dates at local midnight). */
export function shanghaiTimeLabel(tsMs: number): string {
  const p = shanghaiParts(tsMs);
  if (p.hour === 0 && p.minute === 0) return `${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return formatHourMinute(tsMs);
}

/** Axis colours: label text and grid lines. */
export interface AxisColours {
  text: string;
  grid: string;
}

/** The x-axis of a rolling live window: the last `windowMs` up to `nowMs`, labelled in Asia/Shanghai. */
export function rollingTimeAxis(window: { nowMs: number; windowMs: number }, colours: AxisColours) {
  return {
    type: 'time' as const,
    min: window.nowMs - window.windowMs,
    max: window.nowMs,
    axisLabel: { color: colours.text, formatter: (v: number) => shanghaiTimeLabel(v) },
    axisLine: { lineStyle: { color: colours.grid } },
  };
}

/** A value y-axis named by its unit, with grid lines. */
export function unitValueAxis(unit: string, colours: AxisColours) {
  return {
    type: 'value' as const,
    name: unit,
    nameTextStyle: { color: colours.text },
    axisLabel: { color: colours.text },
    splitLine: { lineStyle: { color: colours.grid } },
  };
}
