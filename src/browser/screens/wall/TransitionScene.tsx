/**
 * 转型 Transition: today's PV curve, the clean-share gauge (grid-inclusive, with the local green share), CO₂ avoided and
 * standard coal saved, and Sichuan vs Chongqing side by side, each with the emission factor and year it is computed with.
 */
import { memo, useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Province } from '../../../core/contract/topics';
import { formatHourMinute, shanghaiParts } from '../../../core/time/shanghai';
import { chartPalette } from '../../ui/charts/chart-theme';
import { formatEnergy, formatMass, formatNumber, formatPct, numberFormatter, scaleMass } from '../../ui/format/number';
import { buildCleanGaugeOption } from './clean-gauge-option';
import { buildDayCurveOption } from './day-curve-option';
import { TweenNumber } from './TweenNumber';
import { HistoryNote, useWallEnv, WallChart, WallPanel } from './WallPanel';
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

  const pvOption = useMemo(
    () =>
      buildDayCurveOption({
        dayStartMs: model.dayStartMs,
        nowMs: model.nowMs,
        today: model.curves.pvKw.today,
        yesterday: model.curves.pvKw.yesterday,
        peak: null,
        labels: { today: tw(lang, 'today'), yesterday: tw(lang, 'yesterday'), unit: 'MW', peak: tw(lang, 'peak') },
        color: chartPalette().pv,
        palette: chartPalette(),
        animate: false,
      }),
    [model.curves, model.dayStartMs, model.nowMs, lang],
  );
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
      <WallPanel
        name="pvCurve"
        title={tw(lang, 'transition.pvCurve')}
        state={model.states.pvCurve}
        className={styles.areaPv}
        aside={<HistoryNote status={model.historyStatus} />}
      >
        <WallChart option={pvOption} testId="wall-pv-curve" ariaLabel={tw(lang, 'transition.pvCurve')} />
      </WallPanel>

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
        <div className={styles.bigFigure} data-accent="carbon">
          <span className={styles.bigLabel}>{tw(lang, 'transition.co2')}</span>
          <span className={styles.bigValue}>
            <TweenNumber
              className="num"
              value={co2.value}
              format={numberFormatter(lang)}
              reducedMotion={reducedMotion}
              testId="wall-co2-today"
            />
            <small>{co2.unit}</small>
          </span>
        </div>
        <div className={styles.bigFigure} data-accent="carbon">
          <span className={styles.bigLabel}>{tw(lang, 'transition.coal')}</span>
          <span className={styles.bigValue}>
            <TweenNumber
              className="num"
              value={coal.value}
              format={numberFormatter(lang)}
              reducedMotion={reducedMotion}
              testId="wall-coal-today"
            />
            <small>{coal.unit}</small>
          </span>
          <span className={styles.bigNote}>
            {tw(lang, 'transition.coalBasis', { gce: config.coal.gcePerKwh, year: config.coal.year })}
            {countedNote ? ` · ${countedNote}` : ''}
          </span>
        </div>
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
