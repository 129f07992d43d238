/**
 * Loads the shipped Noto Sans SC subsets for every character the charts may draw, before the first chart is drawn.
 * ECharts measures canvas text once per string and font and caches the width: a label measured with a fallback font
 * (before its unicode-range subset arrived) keeps that width and overlaps its neighbours when drawn in Noto Sans SC.
 * The DOM loads subsets on its own; canvases need them loaded up front. Only the subsets these strings touch load
 * (a few hundred kB, not the 2.5 MB per weight of the whole font), and never for longer than MAX_WAIT_MS.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import { dispatchMessages } from '../screens/dispatch/dispatch-messages';
import { progressMessages } from '../screens/progress/progress-messages';
import { wallMessages } from '../screens/wall/wall-messages';
import { messages } from '../ui/i18n/messages';

const MAX_WAIT_MS = 3_000;
const WEIGHTS = ['400', '700'];
/** Words charts build at run time beyond the dictionaries (units, weekdays, province short names). */
const EXTRA = '0123456789.,:%-+ kWMGhtv/年月日时分秒周一二三四五六七川渝';

function charactersOf(area: AreaConfig): string {
  const dictionaries = [messages, wallMessages, dispatchMessages, progressMessages];
  const words: string[] = [EXTRA];
  for (const d of dictionaries) for (const m of Object.values(d)) words.push(m.zh, m.en);
  const named = [...area.substations, ...area.feeders, ...area.pvSites, ...area.chargingStations, ...area.provinces];
  for (const n of named) words.push(n.name.zh, n.name.en);
  return [...new Set(words.join(''))].join('');
}

export async function preloadChartFonts(area: AreaConfig): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  const text = charactersOf(area);
  const loads = WEIGHTS.map((w) => document.fonts.load(`${w} 16px "Noto Sans SC"`, text).catch(() => []));
  await Promise.race([Promise.all(loads), new Promise((r) => setTimeout(r, MAX_WAIT_MS))]);
}
