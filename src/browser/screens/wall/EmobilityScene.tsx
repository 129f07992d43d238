/**
 * 绿色出行 E-mobility: every connector's state at a glance (shape and word as well as colour), charging power today
 * against yesterday, sessions and energy today, and the CO₂ avoided by driving on electricity, with its assumptions.
 */
import { memo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { partialDayStartMs } from '../../../core/domain/counters';
import { formatHourMinute } from '../../../core/time/shanghai';
import { chartPalette } from '../../ui/charts/chart-theme';
import { formatQuantity, scaleEnergy, scaleMass } from '../../ui/format/number';
import { BigFigure, DayCurvePanel } from './WallFigures';
import { ScenePanel, useWallEnv } from './WallPanel';
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
  const { lang } = useWallEnv();
  const { kpis } = model;

  const counts = { charging: 0, available: 0, faulted: 0, unavailable: 0, unknown: 0 } as Record<
    ConnectorCellState,
    number
  >;
  for (const st of model.connectors) for (const c of st.cells) counts[c.state]++;
  const energy = scaleEnergy(kpis.evTodayKwh);
  const co2 = scaleMass(kpis.evCo2AvoidedTodayKg, lang);
  const a = config.evAssumptions;
  const km = kpis.evKmToday;
  // Counted on the server from the stations' session counters since midnight, or since it first saw them today (the
  // history keeps no session counts): then the count says from when.
  const since = partialDayStartMs(kpis.sessionsSinceMs, model.dayStartMs);
  const sessionsNote = since !== null ? tw(lang, 'ev.sessionsSince', { time: formatHourMinute(since) }) : '';

  return (
    <div className={styles.sceneEmobility}>
      <ScenePanel
        model={model}
        name="connectors"
        title={tw(lang, 'ev.grid')}
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
      </ScenePanel>

      <DayCurvePanel
        model={model}
        name="evPower"
        title={tw(lang, 'ev.power')}
        className={styles.areaEvPower}
        curve="evKw"
        color={chartPalette().ev}
        unit="kW"
        unitDivisor={1}
        testId="wall-ev-power"
      />

      <ScenePanel model={model} name="evToday" title={tw(lang, 'ev.sessions')} className={styles.areaEvToday}>
        <div className={styles.evFigures}>
          <BigFigure
            accent="ev"
            label={tw(lang, 'ev.sessions')}
            value={kpis.sessionsToday}
            decimals={0}
            note={sessionsNote}
            testId="wall-ev-sessions"
          />
          <BigFigure
            accent="ev"
            label={tw(lang, 'ev.energy')}
            value={energy.value}
            unit={energy.unit}
            testId="wall-ev-energy"
          />
        </div>
      </ScenePanel>

      <ScenePanel model={model} name="evCo2" title={tw(lang, 'ev.co2')} className={styles.areaEvCo2}>
        <BigFigure
          accent="carbon"
          value={co2.value}
          unit={`${co2.unit} CO₂`}
          testId="wall-ev-co2"
          note={tw(lang, 'ev.km', { km: formatQuantity(km, 'km', lang, { decimals: 0 }).text })}
        />
        <p className={styles.assumptions} data-testid="wall-ev-assumptions">
          {tw(lang, 'ev.assumptions', {
            kwh: a.kwhPer100Km,
            l: a.petrolLPer100Km,
            kg: a.petrolKgCo2PerL,
            bkwh: a.bus?.kwhPer100Km ?? a.kwhPer100Km,
            bl: a.bus?.dieselLPer100Km ?? '—',
            bkg: a.bus?.dieselKgCo2PerL ?? '—',
            efsc: config.emissionFactors.sc.kgCo2PerKwh,
            efcq: config.emissionFactors.cq.kgCo2PerKwh,
          })}
        </p>
      </ScenePanel>
    </div>
  );
}

export const EmobilityScene = memo(EmobilitySceneImpl, (a, b) => !a.active && !b.active);
