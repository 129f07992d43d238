/**
 * The progress screen's line on the losses between the 220 kV intake and the feeder heads: today's, from the live
 * service's area figures (src/core/domain/losses.ts computes them there), beside the energies metered at the feeder
 * heads that leave them out. Shown while the period holds today; the history keeps no losses for other days. Pure,
 * tested in intake-losses.test.ts.
 */

import { partialDayStartMs } from '../../../core/domain/counters';
import type { Lang } from '../../../core/lang';
import { dayStartMs, formatClock, formatHourMinute } from '../../../core/time/shanghai';
import type { AreaLosses } from '../../live/area-losses-store';
import { formatEnergy, formatPct } from '../../ui/format/number';
import { progressTr } from './progress-messages';

export interface IntakeLossesText {
  state: 'ok' | 'not-computable';
  text: string;
}

export function intakeLossesText(figure: AreaLosses | null, lang: Lang): IntakeLossesText {
  const tr = progressTr(lang);
  const today = figure?.losses?.today;
  // Nothing counted yet: why not now (or that no instant was computable); counted but no result: today disagrees.
  const reasonOf = (): string => {
    const losses = figure?.losses;
    if (!losses) return tr('losses.reason.none');
    if (losses.today.countedSinceMs !== null) return tr('losses.reason.inconsistent');
    return losses.notComputable ? tr(`losses.reason.${losses.notComputable}`) : tr('losses.reason.notCounted');
  };
  if (!figure || !today || today.kwh === null || today.countedSinceMs === null)
    return { state: 'not-computable', text: tr('losses.notComputable', { reason: reasonOf() }) };
  const since = partialDayStartMs(today.countedSinceMs, dayStartMs(figure.tsMs));
  const counted = since !== null ? tr('losses.countedSince', { time: formatHourMinute(since) }) : '';
  return {
    state: 'ok',
    text: tr('losses.today', {
      counted,
      time: formatClock(figure.tsMs),
      kwh: formatEnergy(today.kwh, lang).text,
      pct: formatPct(today.pctOfIntake, lang, { decimals: 2 }).text,
    }),
  };
}
