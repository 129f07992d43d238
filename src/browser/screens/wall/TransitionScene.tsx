/**
 * 转型 Transition: the hero (AreaHero: the new area's map, live, and the energy flow now) — here because the flow of PV
 * and grid power into consumption is this scene's story, and the supply scene keeps its schematic, which draws what a
 * map at this scale cannot (an outage section by section, the tie that restores it) — then today's PV curve, the clean-share gauge (grid-inclusive, with the local green share), CO₂ avoided and
 * standard coal saved, and Sichuan vs Chongqing side by side, each with the emission factor and year it is computed with.
 */
import { lazy, memo, type ReactNode, Suspense, useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Province } from '../../../core/contract/topics';
import { partialDayStartMs } from '../../../core/domain/counters';
import { formatHourMinute, shanghaiParts } from '../../../core/time/shanghai';
import type { ReliabilitySnapshot } from '../../live/live-reliability-store';
import { chartPalette } from '../../ui/charts/chart-theme';
import { formatEnergy, formatMass, formatNumber, formatPct, scaleMass } from '../../ui/format/number';
import { buildCleanGaugeOption, ringPct } from './clean-gauge-option';
import { wallReliabilityView } from './reliability-view';
import { TweenNumber } from './TweenNumber';
import { BigFigure, DayCurvePanel } from './WallFigures';
import { ScenePanel, useWallEnv, WallChart } from './WallPanel';
import styles from './wall.module.css';
import { tw } from './wall-messages';
import type { WallModel } from './wall-model';

/**
 * The hero is its own chunk, loaded beside the wall's first paint rather than before it: the wall's route stays within
 * its main-thread byte budget (tests/e2e/bundle-split.test.ts), and the first scene shown (保供) does not need it.
 */
const AreaHero = lazy(() => import('./AreaHero').then((m) => ({ default: m.AreaHero })));

interface Props {
  model: WallModel;
  config: AreaConfig;
  active: boolean;
  reliability: ReliabilitySnapshot;
}

function TransitionSceneImpl({ model, config, active, reliability }: Props) {
  const { lang, reducedMotion } = useWallEnv();
  const { kpis } = model;
  const year = shanghaiParts(model.nowMs || Date.now()).year;
  const targetPct = config.targets.cleanSharePctByYear[String(year)] ?? null;

  // Rebuilt (and redrawn) only when a ring moves a step, not at every second's new share.
  const nowRing = kpis.cleanNowPct === null ? null : ringPct(kpis.cleanNowPct);
  const todayRing = kpis.cleanTodayPct === null ? null : ringPct(kpis.cleanTodayPct);
  const gaugeOption = useMemo(
    () =>
      buildCleanGaugeOption({
        nowPct: nowRing,
        todayPct: todayRing,
        targetPct,
        labels: { now: tw(lang, 'transition.now'), today: tw(lang, 'transition.todaySoFar'), target: '' },
        palette: chartPalette(),
      }),
    [nowRing, todayRing, targetPct, lang],
  );

  const countedSince = partialDayStartMs(kpis.countedSinceMs, model.dayStartMs);
  const countedNote = countedSince !== null ? tw(lang, 'countedSince', { time: formatHourMinute(countedSince) }) : null;
  // Outages in progress, section by section: the map greys a feeder that has a section without supply.
  const outages = useMemo(() => wallReliabilityView(reliability, config, lang).schematic, [reliability, config, lang]);
  const co2 = scaleMass(kpis.co2AvoidedTodayKg, lang);
  const coal = scaleMass(kpis.coalSavedTodayKg, lang);

  return (
    <div className={styles.sceneTransition}>
      <Suspense fallback={<section className={`${styles.panel} ${styles.areaHero}`} data-testid="wall-hero-loading" />}>
        <AreaHero model={model} config={config} outages={outages} active={active} />
      </Suspense>
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

      <ScenePanel model={model} name="cleanGauge" title={tw(lang, 'transition.gauge')} className={styles.areaGauge}>
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
      </ScenePanel>

      <ScenePanel model={model} name="carbon" title={tw(lang, 'transition.carbon')} className={styles.areaCarbon}>
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
      </ScenePanel>

      <ScenePanel
        model={model}
        name="provinces"
        title={tw(lang, 'transition.provinces')}
        className={styles.areaProvinces}
      >
        <ProvinceTable model={model} config={config} />
      </ScenePanel>
    </div>
  );
}

/**
 * Sichuan and Chongqing side by side as one table (a row a figure, a column a province): full from edge to edge in a
 * narrow column, each figure beside its counterpart, the emission factor with its year on the last row.
 */
function ProvinceTable({ model, config }: { model: WallModel; config: AreaConfig }) {
  const { lang } = useWallEnv();
  const byScope = model.kpis.provinceToday;
  const provinces = ['sc', 'cq'] as Province[];
  const rows: { id: string; label: string; value: (p: Province) => ReactNode; small?: boolean }[] = [
    {
      id: 'pv',
      label: tw(lang, 'transition.pvToday'),
      value: (p) => formatEnergy(byScope?.[p]?.ePvKwh ?? null, lang).text,
    },
    {
      id: 'consumption',
      label: tw(lang, 'transition.consumption'),
      value: (p) => {
        const s = byScope?.[p];
        return formatEnergy(s && s.consumptionKwh > 0 ? s.consumptionKwh : null, lang).text;
      },
    },
    {
      id: 'clean',
      label: tw(lang, 'transition.clean'),
      value: (p) => formatPct(byScope?.[p]?.cleanSharePct ?? null, lang).text,
    },
    {
      id: 'co2',
      label: tw(lang, 'transition.co2p'),
      value: (p) => formatMass(byScope?.[p]?.co2AvoidedByPvKg ?? null, lang).text,
    },
    {
      id: 'ef',
      label: tw(lang, 'transition.ef'),
      // The factor's year under it: data of a later year computed with it says so.
      value: (p) => (
        <>
          {config.emissionFactors[p].kgCo2PerKwh}
          <small>{config.emissionFactors[p].year}</small>
        </>
      ),
      small: true,
    },
  ];
  return (
    <table className={styles.provinceTable} data-testid="wall-provinces">
      <thead>
        <tr>
          <th />
          {provinces.map((p) => (
            <th key={p} scope="col" data-province={p}>
              {config.provinces.find((x) => x.id === p)?.name[lang] ?? p}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-row={r.id} data-small={r.small || undefined}>
            <th scope="row">
              {r.label}
              {r.id === 'ef' ? <small> kg CO₂/kWh</small> : null}
            </th>
            {provinces.map((p) => (
              <td key={p} className="num" data-province={p}>
                {r.value(p)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const TransitionScene = memo(TransitionSceneImpl, (a, b) => !a.active && !b.active);
