/**
 * The dispatcher's line for the losses between the 220 kV intake and the feeder heads, from the live service's area
 * figures (src/core/domain/losses.ts computes them there): now in kW and % of the intake, today in kWh, or why they
 * are not computable. Pure, tested in area-losses.test.ts.
 */

import { partialDayStartMs } from '../../../core/domain/counters';
import type { Lang } from '../../../core/lang';
import { dayStartMs, formatClock, formatHourMinute } from '../../../core/time/shanghai';
import type { AreaLosses } from '../../live/area-losses-store';
import { formatEnergy, formatPct, formatPower } from '../../ui/format/number';
import { dt } from './dispatch-messages';

/** Figures older than this (data time) are shown with their time: the live service stopped publishing them. */
export const LOSSES_STALE_MS = 15_000;

export interface LossesLine {
  /** 'ok': a number is shown; 'not-computable' / 'none': the words say why there is none. */
  state: 'ok' | 'not-computable' | 'none';
  text: string;
}

const pctOf = (pct: number | null, lang: Lang) =>
  pct === null ? '' : ` (${formatPct(pct, lang, { decimals: 2 }).text})`;

export function lossesLine(figure: AreaLosses | null, nowMs: number, lang: Lang): LossesLine {
  const l = figure?.losses;
  if (!figure || !l) return { state: 'none', text: dt(lang, 'losses.none') };
  const stale =
    nowMs - figure.tsMs > LOSSES_STALE_MS ? dt(lang, 'losses.asOf', { time: formatClock(figure.tsMs) }) : '';
  const since = partialDayStartMs(l.today.countedSinceMs, dayStartMs(figure.tsMs));
  const kwh = formatEnergy(l.today.kwh, lang).text;
  const today =
    l.today.kwh === null
      ? ''
      : ` · ${since !== null ? dt(lang, 'losses.todaySince', { kwh, time: formatHourMinute(since) }) : dt(lang, 'losses.today', { kwh })}${pctOf(l.today.pctOfIntake, lang)}`;
  if (l.kw === null)
    return {
      state: 'not-computable',
      text: `${dt(lang, `losses.${l.notComputable ?? 'intake-missing'}`)}${today}${stale}`,
    };
  return {
    state: 'ok',
    text: `${formatPower(l.kw, lang).text}${pctOf(l.pctOfIntake, lang)}${today}${stale}`,
  };
}
