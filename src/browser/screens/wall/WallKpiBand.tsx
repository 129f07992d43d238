/** The wall's always-visible KPI band: six big figures, each with its state and a line of context. */
import type { Lang } from '../../../core/lang';
import { formatHourMinute } from '../../../core/time/shanghai';
import { formatNumber, numberFormatter, scaleEnergy, scaleMass } from '../../ui/format/number';
import { WallTile } from './WallTile';
import styles from './wall.module.css';
import { tw } from './wall-messages';
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
  const s = model.states;
  const mw = (kw: number | null) => (kw === null ? null : kw / 1000);
  const consumption = scaleEnergy(k.consumptionTodayKwh);
  const co2 = scaleMass(k.co2AvoidedTodayKg, lang);
  const pvToday = scaleEnergy(k.pvTodayKwh);
  const since =
    k.countedSinceMs !== null && k.countedSinceMs > model.dayStartMs + 60_000
      ? ` · ${tw(lang, 'countedSince', { time: formatHourMinute(k.countedSinceMs) })}`
      : '';
  const c = k.connectors;
  const common = { lang, reducedMotion, quietDelay: quiet };
  return (
    <div className={styles.kpiBand} data-testid="wall-kpis">
      <WallTile
        {...common}
        id="load"
        accent="load"
        label={tw(lang, 'kpi.load')}
        value={mw(k.loadNowKw)}
        format={numberFormatter(lang, 1)}
        unit="MW"
        state={s.load}
        sub={
          k.peakToday
            ? tw(lang, 'kpi.peak', {
                value: `${formatNumber(k.peakToday.kw / 1000, lang, { decimals: 1 })} MW`,
                time: formatHourMinute(k.peakToday.atMs),
              })
            : '—'
        }
      />
      <WallTile
        {...common}
        id="consumption"
        accent="load"
        label={tw(lang, 'kpi.consumptionToday')}
        value={consumption.value}
        format={numberFormatter(lang)}
        unit={consumption.unit}
        state={s.consumption}
        sub={`${tw(lang, 'kpi.gridImportNow', { value: k.gridImportNowKw === null ? '—' : `${formatNumber(k.gridImportNowKw / 1000, lang, { decimals: 1 })} MW` })}${since}`}
      />
      <WallTile
        {...common}
        id="pv"
        accent="pv"
        label={tw(lang, 'kpi.pv')}
        value={mw(k.pvNowKw)}
        format={numberFormatter(lang, 1)}
        unit="MW"
        state={s.pv}
        sub={tw(lang, 'kpi.pvToday', {
          value: pvToday.value === null ? '—' : `${formatNumber(pvToday.value, lang)} ${pvToday.unit}`,
        })}
      />
      <WallTile
        {...common}
        id="clean"
        accent="clean"
        label={tw(lang, 'kpi.clean')}
        value={k.cleanNowPct}
        format={numberFormatter(lang, 1)}
        unit="%"
        state={s.clean}
        sub={tw(lang, 'kpi.cleanToday', {
          today: k.cleanTodayPct === null ? '—' : `${formatNumber(k.cleanTodayPct, lang, { decimals: 1 })}%`,
          local: k.localGreenTodayPct === null ? '—' : `${formatNumber(k.localGreenTodayPct, lang, { decimals: 1 })}%`,
        })}
      />
      <WallTile
        {...common}
        id="co2"
        accent="carbon"
        label={tw(lang, 'kpi.co2')}
        value={co2.value}
        format={numberFormatter(lang)}
        unit={co2.unit}
        state={s.co2}
        sub={<YearCo2 kg={k.co2AvoidedYearKg} partial={model.yearPartial} lang={lang} />}
      />
      <WallTile
        {...common}
        id="chargers"
        accent="ev"
        label={tw(lang, 'kpi.chargers')}
        value={c.known > 0 ? c.byState.charging : null}
        format={numberFormatter(lang, 0)}
        unit={`/ ${c.total}`}
        state={s.chargers}
        sub={tw(lang, 'kpi.chargersSub', { total: c.total, faulted: c.byState.faulted })}
      />
    </div>
  );
}

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
