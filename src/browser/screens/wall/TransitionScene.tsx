/**
 * 转型 Transition: today's PV curve, the clean-share gauge (grid-inclusive, with the local green share), CO₂ avoided and
 * standard coal saved, and Sichuan vs Chongqing side by side, each with the emission factor and year it is computed with.
 */
import { memo, useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Province } from '../../../core/contract/topics';
import { formatHourMinute, shanghaiParts } from '../../../core/time/shanghai';
import { chartPalette } from '../../ui/charts/chart-theme';
import { formatEnergy, formatMass, formatNumber, formatPct, scaleMass } from '../../ui/format/number';
import { buildCleanGaugeOption } from './clean-gauge-option';
import { TweenNumber } from './TweenNumber';
import { BigFigure, DayCurvePanel } from './WallFigures';
import { useWallEnv, WallChart, WallPanel } from './WallPanel';
import styles from './wall.module.css';
import { tw } from './wall-messages';
import type { WallModel } from './wall-model';

interface Props {
  model: WallModel;
  config: AreaConfig;
  active: boolean;
}

function TransitionSceneImpl({ model, config }: Props) {
  const { lang, reducedMotion } = useWallEnv();
  const { kpis } = model;
  const year = shanghaiParts(model.nowMs || Date.now()).year;
  const targetPct = config.targets.cleanSharePctByYear[String(year)] ?? null;

  const gaugeOption = useMemo(
    () =>
      buildCleanGaugeOption({
        nowPct: kpis.cleanNowPct,
        todayPct: kpis.cleanTodayPct,
        targetPct,
        labels: { now: tw(lang, 'transition.now'), today: tw(lang, 'transition.todaySoFar'), target: '' },
        palette: chartPalette(),
        animate: !reducedMotion,
      }),
    [kpis.cleanNowPct, kpis.cleanTodayPct, targetPct, lang, reducedMotion],
  );

  const byScope = kpis.provinceToday;
  const countedNote =
    kpis.countedSinceMs !== null && kpis.countedSinceMs > model.dayStartMs + 60_000
      ? tw(lang, 'countedSince', { time: formatHourMinute(kpis.countedSinceMs) })
      : null;
  const co2 = scaleMass(kpis.co2AvoidedTodayKg, lang);
  const coal = scaleMass(kpis.coalSavedTodayKg, lang);

  return (
    <div className={styles.sceneTransition}>
      <DayCurvePanel
        model={model}
        name="pvCurve"
        title={tw(lang, 'transition.pvCurve')}
        className={styles.areaPv}
        curve="pvKw"
        color={chartPalette().pv}
        unit="MW"
        testId="wall-pv-curve"
      />

      <WallPanel
        name="cleanGauge"
        title={tw(lang, 'transition.gauge')}
        state={model.states.cleanGauge}
        className={styles.areaGauge}
      >
        <div className={styles.gaugeWrap}>
          <WallChart option={gaugeOption} testId="wall-clean-gauge" ariaLabel={tw(lang, 'transition.gauge')} />
          <div className={styles.gaugeCentre}>
            <span className={`${styles.gaugeValue} num`}>
              <TweenNumber
                value={kpis.cleanNowPct}
                format={(x) => formatNumber(x, lang, { decimals: 1 })}
                reducedMotion={reducedMotion}
                testId="wall-clean-now"
              />
              <small>%</small>
            </span>
            <span className={styles.gaugeCaption}>{tw(lang, 'transition.now')}</span>
          </div>
        </div>
        <dl className={styles.gaugeFacts}>
          <div>
            <dt>{tw(lang, 'transition.todaySoFar')}</dt>
            <dd className="num">{formatPct(kpis.cleanTodayPct, lang).text}</dd>
          </div>
          <div>
            <dt>{tw(lang, 'transition.localGreen')}</dt>
            <dd className="num">{formatPct(kpis.localGreenTodayPct, lang).text}</dd>
          </div>
          <div>
            <dt>▼</dt>
            <dd className="num">
              {targetPct === null
                ? '—'
                : tw(lang, 'transition.target', { year, pct: formatPct(targetPct, lang, { decimals: 0 }).text })}
            </dd>
          </div>
        </dl>
      </WallPanel>

      <WallPanel
        name="carbon"
        title={tw(lang, 'transition.carbon')}
        state={model.states.carbon}
        className={styles.areaCarbon}
      >
        <BigFigure
          accent="carbon"
          label={tw(lang, 'transition.co2')}
          value={co2.value}
          unit={co2.unit}
          testId="wall-co2-today"
        />
        <BigFigure
          accent="carbon"
          label={tw(lang, 'transition.coal')}
          value={coal.value}
          unit={coal.unit}
          testId="wall-coal-today"
          note={
            <>
              {tw(lang, 'transition.coalBasis', { gce: config.coal.gcePerKwh, year: config.coal.year })}
              {countedNote ? ` · ${countedNote}` : ''}
            </>
          }
        />
      </WallPanel>

      <WallPanel
        name="provinces"
        title={tw(lang, 'transition.provinces')}
        state={model.states.provinces}
        className={styles.areaProvinces}
      >
        <div className={styles.provinceCards} data-testid="wall-provinces">
          {(['sc', 'cq'] as Province[]).map((p) => {
            const s = byScope?.[p];
            const ef = config.emissionFactors[p];
            const name = config.provinces.find((x) => x.id === p)?.name[lang] ?? p;
            return (
              <div key={p} className={styles.provinceCard} data-province={p}>
                <h4>{name}</h4>
                <dl>
                  <div>
                    <dt>{tw(lang, 'transition.pvToday')}</dt>
                    <dd className="num">{formatEnergy(s?.ePvKwh ?? null, lang).text}</dd>
                  </div>
                  <div>
                    <dt>{tw(lang, 'transition.consumption')}</dt>
                    <dd className="num">
                      {formatEnergy(s && s.consumptionKwh > 0 ? s.consumptionKwh : null, lang).text}
                    </dd>
                  </div>
                  <div>
                    <dt>{tw(lang, 'transition.clean')}</dt>
                    <dd className="num">{formatPct(s?.cleanSharePct ?? null, lang).text}</dd>
                  </div>
                  <div>
                    <dt>{tw(lang, 'transition.co2p')}</dt>
                    <dd className="num">{formatMass(s?.co2AvoidedByPvKg ?? null, lang).text}</dd>
                  </div>
                  <div className={styles.efRow}>
                    <dt>{tw(lang, 'transition.ef')}</dt>
                    <dd className="num">
                      {ef.kgCo2PerKwh} kg CO₂/kWh · {ef.year}
                    </dd>
                  </div>
                </dl>
              </div>
            );
          })}
        </div>
      </WallPanel>
    </div>
  );
}

export const TransitionScene = memo(TransitionSceneImpl, (a, b) => !a.active && !b.active);
