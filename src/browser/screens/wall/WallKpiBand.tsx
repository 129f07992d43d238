/** The wall's always-visible KPI band: six big figures, each with its state and a line of context. */

import type { ReactNode } from 'react';
import { partialDayStartMs } from '../../../core/domain/counters';
import type { Lang } from '../../../core/lang';
import { formatHourMinute } from '../../../core/time/shanghai';
import { formatNumber, numberFormatter, scaleEnergy, scaleMass } from '../../ui/format/number';
import { type WallAccent, WallTile } from './WallTile';
import styles from './wall.module.css';
import type { TileId } from './wall-figures';
import { tw, type WallMessageId } from './wall-messages';
import type { WallModel } from './wall-model';

export function WallKpiBand({
  model,
  lang,
  reducedMotion,
  quiet,
}: {
  model: WallModel;
  lang: Lang;
  reducedMotion: boolean;
  quiet: boolean;
}) {
  const k = model.kpis;
  const consumption = scaleEnergy(k.consumptionTodayKwh);
  const co2 = scaleMass(k.co2AvoidedTodayKg, lang);
  const pvToday = scaleEnergy(k.pvTodayKwh);
  const countedSince = partialDayStartMs(k.countedSinceMs, model.dayStartMs);
  const since = countedSince !== null ? ` · ${tw(lang, 'countedSince', { time: formatHourMinute(countedSince) })}` : '';
  const c = k.connectors;
  const one = (x: number | null, unit: string) =>
    x === null ? '—' : `${formatNumber(x, lang, { decimals: 1 })}${unit}`;
  const peakSub = k.peakToday
    ? tw(lang, 'kpi.peak', { value: one(k.peakToday.kw / 1000, ' MW'), time: formatHourMinute(k.peakToday.atMs) })
    : '—';
  const gridImport = one(k.gridImportNowKw === null ? null : k.gridImportNowKw / 1000, ' MW');
  const pvTodaySub = tw(lang, 'kpi.pvToday', {
    value: pvToday.value === null ? '—' : `${formatNumber(pvToday.value, lang)} ${pvToday.unit}`,
  });
  const cleanSub = tw(lang, 'kpi.cleanToday', {
    today: one(k.cleanTodayPct, '%'),
    local: one(k.localGreenTodayPct, '%'),
  });
  // decimals as numberFormatter: undefined lets the formatter pick.
  const tiles: {
    id: TileId;
    accent: WallAccent;
    value: number | null;
    decimals?: number;
    unit: string;
    sub: ReactNode;
  }[] = [
    { id: 'load', accent: 'load', value: mw(k.loadNowKw), decimals: 1, unit: 'MW', sub: peakSub },
    {
      id: 'consumption',
      accent: 'load',
      value: consumption.value,
      unit: consumption.unit,
      sub: `${tw(lang, 'kpi.gridImportNow', { value: gridImport })}${since}`,
    },
    { id: 'pv', accent: 'pv', value: mw(k.pvNowKw), decimals: 1, unit: 'MW', sub: pvTodaySub },
    { id: 'clean', accent: 'clean', value: k.cleanNowPct, decimals: 1, unit: '%', sub: cleanSub },
    {
      id: 'co2',
      accent: 'carbon',
      value: co2.value,
      unit: co2.unit,
      sub: <YearCo2 kg={k.co2AvoidedYearKg} partial={model.yearPartial} lang={lang} />,
    },
    {
      id: 'chargers',
      accent: 'ev',
      value: c.known > 0 ? c.byState.charging : null,
      decimals: 0,
      unit: `/ ${c.total}`,
      sub: tw(lang, 'kpi.chargersSub', { total: c.total, faulted: c.byState.faulted }),
    },
  ];
  return (
    <div className={styles.kpiBand} data-testid="wall-kpis">
      {tiles.map((t) => (
        <WallTile
          key={t.id}
          id={t.id}
          accent={t.accent}
          label={tw(lang, TILE_LABEL[t.id])}
          value={t.value}
          format={numberFormatter(lang, t.decimals)}
          unit={t.unit}
          state={model.states[t.id]}
          sub={t.sub}
          lang={lang}
          reducedMotion={reducedMotion}
          quietDelay={quiet}
        />
      ))}
    </div>
  );
}

const mw = (kw: number | null) => (kw === null ? null : kw / 1000);

const TILE_LABEL = {
  load: 'kpi.load',
  consumption: 'kpi.consumptionToday',
  pv: 'kpi.pv',
  clean: 'kpi.clean',
  co2: 'kpi.co2',
  chargers: 'kpi.chargers',
} as const satisfies Record<TileId, WallMessageId>;

/** CO₂ avoided this year; while the history is incomplete the figure is a lower bound and says so. */
function YearCo2({ kg, partial, lang }: { kg: number | null; partial: WallModel['yearPartial']; lang: Lang }) {
  if (kg === null) return <span data-testid="wall-kpi-co2-year">{tw(lang, 'kpi.co2YearUnavailable')}</span>;
  const m = scaleMass(kg, lang);
  const value = `${formatNumber(m.value, lang)} ${m.unit}`;
  if (partial === null) return <span data-testid="wall-kpi-co2-year">{tw(lang, 'kpi.co2Year', { value })}</span>;
  // A lower bound, and why, on a line of its own.
  return (
    <span data-testid="wall-kpi-co2-year" data-partial={partial}>
      {tw(lang, 'kpi.co2YearAtLeast', { value })}
      <br />
      {tw(lang, partial === 'backfill' ? 'kpi.co2YearBackfill' : 'kpi.co2YearGaps')}
    </span>
  );
}
