/**
 * Settings every chart shares, so all screens look alike and tell time the same way:
 * - ECharts draws text on a canvas, which does not fall back through CSS fonts: name the shipped CJK font explicitly,
 *   or Chinese labels render as empty boxes on machines without a system CJK font.
 * - ECharts formats time axes in the browser's zone; the area's day is Asia/Shanghai whatever the display PC says.
 */
import { formatHourMinute, shanghaiParts } from '../../../core/time/shanghai';

export const CHART_FONT_FAMILY = "'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/**
 * @deprecated Build text styles from the palette instead (`chartTextStyle(palette)`); kept, equal to theme.css's
 * --text-muted (chart-theme.test.ts checks), until every screen takes its palette from chart-theme.ts.
 */
export const CHART_TEXT_STYLE = { fontFamily: CHART_FONT_FAMILY, color: '#93a9bd' } as const;

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
