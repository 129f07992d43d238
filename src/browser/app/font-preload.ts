/**
 * Loads the shipped Noto Sans SC subsets for every character the charts may draw, before the first chart is drawn.
 * ECharts measures canvas text once per string and font and caches the width: a label measured with a fallback font
 * (before its unicode-range subset arrived) keeps that width and overlaps its neighbours when drawn in Noto Sans SC.
 * The DOM loads subsets on its own; canvases need them loaded up front. Only the subsets these strings touch load
 * (a few hundred kB, not the 2.5 MB per weight of the whole font), and never for longer than MAX_WAIT_MS.
 *
 * Only the opened screen's dictionary is measured, imported on demand: the wall's route does not download the
 * dispatcher's and the progress report's words (≈ 5 KB gzipped) to preload glyphs it never draws. The paths are
 * App.tsx's routes; a screen without charts of its own words (overview, sign-in, admin) needs the shell's only.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import { type Messages, messages } from '../ui/i18n/messages';

const SCREEN_DICTIONARIES: Record<string, () => Promise<Messages>> = {
  '/wall': () => import('../screens/wall/wall-messages').then((m) => m.wallMessages),
  '/dispatch': () => import('../screens/dispatch/dispatch-messages').then((m) => m.dispatchMessages),
  '/progress': () => import('../screens/progress/progress-messages').then((m) => m.progressMessages),
};

const MAX_WAIT_MS = 3_000;
const WEIGHTS = ['400', '700'];
/** Words charts build at run time beyond the dictionaries (units, weekdays, province short names). */
const EXTRA = '0123456789.,:%-+ kWMGhtv/年月日时分秒周一二三四五六七川渝';

function charactersOf(area: AreaConfig, dictionaries: Messages[]): string {
  const words: string[] = [EXTRA];
  for (const d of dictionaries) for (const m of Object.values(d)) words.push(m.zh, m.en);
  const named = [...area.substations, ...area.feeders, ...area.pvSites, ...area.chargingStations, ...area.provinces];
  for (const n of named) words.push(n.name.zh, n.name.en);
  return [...new Set(words.join(''))].join('');
}

/**
 * The dictionaries the screen at `pathname` draws words from: the shell's, and the screen's own (imported on demand;
 * started beside the area file's fetch, so the preload waits for neither one after the other). A dictionary that
 * fails to load leaves the shell's words only: the preload is an optimisation, never a reason not to start.
 */
export async function screenWords(pathname: string): Promise<Messages[]> {
  const screen = SCREEN_DICTIONARIES[pathname.replace(/\/+$/, '') || '/'];
  return screen ? [messages, await screen().catch(() => ({}))] : [messages];
}

export async function preloadChartFonts(area: AreaConfig, dictionaries: Messages[]): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  const text = charactersOf(area, dictionaries);
  const loads = WEIGHTS.map((w) => document.fonts.load(`${w} 16px "Noto Sans SC"`, text).catch(() => []));
  await Promise.race([Promise.all(loads), new Promise((r) => setTimeout(r, MAX_WAIT_MS))]);
}
