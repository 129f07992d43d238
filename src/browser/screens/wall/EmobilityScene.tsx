/**
 * 绿色出行 E-mobility: every connector's state at a glance (shape and word as well as colour), charging power today
 * against yesterday, sessions and energy today, and the CO₂ avoided by driving on electricity, with its assumptions.
 */
import { memo, useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { formatHourMinute } from '../../../core/time/shanghai';
import { chartPalette } from '../../ui/charts/chart-theme';
import { formatQuantity, numberFormatter, scaleEnergy, scaleMass } from '../../ui/format/number';
import { buildDayCurveOption } from './day-curve-option';
import { TweenNumber } from './TweenNumber';
import { HistoryNote, useWallEnv, WallChart, WallPanel } from './WallPanel';
import styles from './wall.module.css';
import type { ConnectorCellState } from './wall-figures';
import { tw } from './wall-messages';
import type { WallModel } from './wall-model';

interface Props {
  model: WallModel;
  config: AreaConfig;
  active: boolean;
}

const CELL_GLYPH: Record<ConnectorCellState, string> = {
  charging: '⚡',
  available: '',
  faulted: '✕',
  unavailable: '–',
  unknown: '?',
};
const CELL_ORDER: ConnectorCellState[] = ['charging', 'available', 'faulted', 'unavailable', 'unknown'];
const CELL_WORD = {
  charging: 'ev.charging',
  available: 'ev.available',
  faulted: 'ev.faulted',
  unavailable: 'ev.unavailable',
  unknown: 'ev.unknown',
} as const;

function EmobilitySceneImpl({ model, config }: Props) {
  const { lang, reducedMotion } = useWallEnv();
  const { kpis } = model;

  const powerOption = useMemo(
    () =>
      buildDayCurveOption({
        dayStartMs: model.dayStartMs,
        nowMs: model.nowMs,
        today: model.curves.evKw.today,
        yesterday: model.curves.evKw.yesterday,
        peak: null,
        labels: { today: tw(lang, 'today'), yesterday: tw(lang, 'yesterday'), unit: 'kW', peak: tw(lang, 'peak') },
        color: chartPalette().ev,
        palette: chartPalette(),
        unitDivisor: 1,
        animate: false,
      }),
    [model.curves, model.dayStartMs, model.nowMs, lang],
  );

  const counts = { charging: 0, available: 0, faulted: 0, unavailable: 0, unknown: 0 } as Record<
    ConnectorCellState,
    number
  >;
  for (const st of model.connectors) for (const c of st.cells) counts[c.state]++;
  const energy = scaleEnergy(kpis.evTodayKwh);
  const co2 = scaleMass(kpis.evCo2AvoidedTodayKg, lang);
  const a = config.evAssumptions;
  const km = kpis.evKmToday;
  // Counted on the server from the stations' session counters since midnight (or since it started counting).
  const since = kpis.countedSinceMs;
  const sessionsNote =
    since !== null && since > model.dayStartMs + 60_000
      ? tw(lang, 'ev.sessionsSince', { time: formatHourMinute(since) })
      : '';

  return (
    <div className={styles.sceneEmobility}>
      <WallPanel
        name="connectors"
        title={tw(lang, 'ev.grid')}
        state={model.states.connectors}
        className={styles.areaConnectors}
        aside={
          <span className={styles.legend}>
            {CELL_ORDER.map((s) => (
              <span key={s} className={styles.legendCell} data-cell={s}>
                <i aria-hidden="true">{CELL_GLYPH[s]}</i> {tw(lang, CELL_WORD[s])}{' '}
                <b className="num" data-testid={`wall-connectors-${s}`}>
                  {counts[s]}
                </b>
              </span>
            ))}
          </span>
        }
      >
        <div className={styles.connectorGrid} data-testid="wall-connector-grid">
          {model.connectors.map((st, i) => (
            <div key={st.id} className={styles.station} data-province={st.province}>
              {/* Stations are numbered, not named: the public wall shows no customer or site names. */}
              <span className={styles.stationNo}>
                {st.province === 'sc' ? (lang === 'zh' ? '川' : 'SC') : lang === 'zh' ? '渝' : 'CQ'}
                {String(i + 1).padStart(2, '0')}
              </span>
              {st.cells.map((c) => (
                <span
                  key={c.id}
                  className={styles.cell}
                  data-cell={c.state}
                  data-type={c.type}
                  title={tw(lang, CELL_WORD[c.state])}
                >
                  {CELL_GLYPH[c.state]}
                </span>
              ))}
            </div>
          ))}
        </div>
      </WallPanel>

      <WallPanel
        name="evPower"
        title={tw(lang, 'ev.power')}
        state={model.states.evPower}
        className={styles.areaEvPower}
        aside={<HistoryNote status={model.historyStatus} />}
      >
        <WallChart option={powerOption} testId="wall-ev-power" ariaLabel={tw(lang, 'ev.power')} />
      </WallPanel>

      <WallPanel
        name="evToday"
        title={tw(lang, 'ev.sessions')}
        state={model.states.evToday}
        className={styles.areaEvToday}
      >
        <div className={styles.evFigures}>
          <div className={styles.bigFigure} data-accent="ev">
            <span className={styles.bigLabel}>{tw(lang, 'ev.sessions')}</span>
            <span className={styles.bigValue}>
              <TweenNumber
                className="num"
                value={kpis.sessionsToday}
                format={numberFormatter(lang, 0)}
                reducedMotion={reducedMotion}
                testId="wall-ev-sessions"
              />
            </span>
            <span className={styles.bigNote}>{sessionsNote}</span>
          </div>
          <div className={styles.bigFigure} data-accent="ev">
            <span className={styles.bigLabel}>{tw(lang, 'ev.energy')}</span>
            <span className={styles.bigValue}>
              <TweenNumber
                className="num"
                value={energy.value}
                format={numberFormatter(lang)}
                reducedMotion={reducedMotion}
                testId="wall-ev-energy"
              />
              <small>{energy.unit}</small>
            </span>
          </div>
        </div>
      </WallPanel>

      <WallPanel name="evCo2" title={tw(lang, 'ev.co2')} state={model.states.evCo2} className={styles.areaEvCo2}>
        <div className={styles.bigFigure} data-accent="carbon">
          <span className={styles.bigValue}>
            <TweenNumber
              className="num"
              value={co2.value}
              format={numberFormatter(lang)}
              reducedMotion={reducedMotion}
              testId="wall-ev-co2"
            />
            <small>{co2.unit} CO₂</small>
          </span>
          <span className={styles.bigNote}>
            {tw(lang, 'ev.km', { km: formatQuantity(km, 'km', lang, { decimals: 0 }).text })}
          </span>
        </div>
        <p className={styles.assumptions} data-testid="wall-ev-assumptions">
          {tw(lang, 'ev.assumptions', {
            kwh: a.kwhPer100Km,
            l: a.petrolLPer100Km,
            kg: a.petrolKgCo2PerL,
            efsc: config.emissionFactors.sc.kgCo2PerKwh,
            efcq: config.emissionFactors.cq.kgCo2PerKwh,
          })}
        </p>
      </WallPanel>
    </div>
  );
}

export const EmobilityScene = memo(EmobilitySceneImpl, (a, b) => !a.active && !b.active);
