/**
 * The wall's hero (转型 scene, left): the new area on a map the project drew itself (area-map.ts — a schematic outline,
 * said so on screen), its stations and feeders in their live state (loading by shape and colour, outages greyed),
 * and under it the energy flow now (energy-flow.ts): PV and grid import into consumption, EV charging inside it, a PV
 * surplus back to the grid.
 *
 * Plain SVG and HTML, no chart library and no map data. One calm effect: the flow bands drift (a CSS transform
 * animation, run by the compositor, not a redraw loop on the main thread), only while the scene is on screen and not
 * under prefers-reduced-motion. The SVG re-renders only when a node's state changes (areaMapKey).
 */
import { memo, useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Province } from '../../../core/contract/topics';
import { formatNumber, formatPower } from '../../ui/format/number';
import {
  type AreaMapModel,
  areaMapKey,
  areaMapModel,
  BORDER,
  MAP_VIEW_HEIGHT,
  MAP_WIDTH,
  type MapNodeState,
  provinceOutline,
  svgPath,
} from './area-map';
import { type EnergyFlow, energyFlow, FLOW_MAX_PX } from './energy-flow';
import { namedStations, SCHEMATIC_MAX_FEEDERS, type SchematicOutage } from './schematic-option';
import { ScenePanel, useWallEnv } from './WallPanel';
import styles from './wall.module.css';
import { tw } from './wall-messages';
import type { WallModel } from './wall-model';

interface Props {
  model: WallModel;
  config: AreaConfig;
  outages: readonly SchematicOutage[];
  /** The scene is on screen: only then do the flows move. */
  active: boolean;
}

const STATE_VAR: Record<MapNodeState, string> = {
  normal: 'var(--state-normal)',
  heavy: 'var(--state-heavy)',
  overload: 'var(--state-overload)',
  noData: 'var(--state-stale)',
  out: 'var(--state-offline)',
};

/**
 * "高滩220kV变电站" → "高滩 220kV", "坛同110kV变电站" → "坛同": read from across the hall; the symbol (square 220 kV,
 * circle 110 kV, in the legend) says the rest, and six 110 kV names fit side by side only without it.
 */
/** The map's extra height (viewBox units) for the English captions' third line. */
const EN_CAPTION_EXTRA = 30;

const shortStation = (name: string, kv: number) => {
  const bare = name.replace(/变电站$/, '').replace(/\s*substation$/i, '');
  return kv >= 220 ? bare.replace(/\s?(\d+\s?kV)$/, ' $1') : bare.replace(/\s?\d+\s?kV$/, '');
};

function FeederGlyph({ x, y, state }: { x: number; y: number; state: MapNodeState }) {
  const fill = STATE_VAR[state];
  const r = 11;
  if (state === 'heavy')
    return <path d={`M${x} ${y - r - 2} L${x + r + 2} ${y + r} L${x - r - 2} ${y + r} Z`} fill={fill} />;
  if (state === 'overload')
    return <path d={`M${x} ${y - r - 3} L${x + r + 3} ${y} L${x} ${y + r + 3} L${x - r - 3} ${y} Z`} fill={fill} />;
  if (state === 'out')
    return (
      <path
        d={`M${x - r} ${y - r} L${x + r} ${y + r} M${x + r} ${y - r} L${x - r} ${y + r}`}
        stroke={fill}
        strokeWidth={5}
      />
    );
  if (state === 'noData') return <circle cx={x} cy={y} r={r - 2} fill="none" stroke={fill} strokeWidth={3} />;
  return <circle cx={x} cy={y} r={r} fill={fill} />;
}

function AreaMapSvgImpl({ map, config, lang }: { map: AreaMapModel; config: AreaConfig; lang: 'zh' | 'en' }) {
  const nameOf = new Map(config.substations.map((s) => [s.id, s.name[lang]]));
  const provinceName = (p: Province) => config.provinces.find((x) => x.id === p);
  // A region's thousands of stations: marks without names (they would bury each other).
  const named = namedStations(map.substations);
  // The 110 kV stations west to east, for staggering their English names.
  const smallIndex = new Map(
    map.substations
      .filter((s) => s.voltageKv < 220)
      .sort((a, b) => a.x - b.x)
      .map((s, i) => [s.id, i]),
  );
  // In English each part's caption takes three lines (name; km², PV; charging stations): on two, the two parts'
  // captions ran into each other across the border ("138 kmChongqing").
  const wrap = lang === 'en';
  return (
    <svg
      className={styles.heroMap}
      viewBox={`0 0 ${MAP_WIDTH} ${MAP_VIEW_HEIGHT + (lang === 'en' ? EN_CAPTION_EXTRA : 0)}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={tw(lang, 'hero.mapAria')}
      data-testid="wall-area-map"
    >
      {(['sc', 'cq'] as Province[]).map((p) => (
        <path
          key={p}
          d={svgPath(provinceOutline(p), true)}
          className={styles.heroProvince}
          data-province={p}
          data-testid={`wall-map-${p}`}
        />
      ))}
      <path d={svgPath(BORDER, false)} className={styles.heroBorder} />
      <text x={BORDER[0]?.[0] ?? 500} y={34} className={styles.heroBorderLabel} textAnchor="middle">
        {tw(lang, 'hero.border')}
      </text>
      {map.towns.map((t) => (
        <text key={t.name} x={t.x} y={t.y} className={styles.heroTown} textAnchor="middle">
          {t.name}
        </text>
      ))}
      {map.links.map((l) => (
        <line
          key={`${l.from.join()}-${l.to.join()}`}
          x1={l.from[0]}
          y1={l.from[1]}
          x2={l.to[0]}
          y2={l.to[1]}
          className={styles.heroLink}
          strokeWidth={l.voltageKv >= 220 ? 7 : 4}
        />
      ))}
      {map.feeders.map((f) =>
        f.from ? (
          <line
            key={`stub-${f.id}`}
            x1={f.from.x}
            y1={f.from.y}
            x2={f.x}
            y2={f.y}
            stroke={STATE_VAR[f.state]}
            strokeWidth={2.5}
            strokeDasharray={f.state === 'out' || f.state === 'noData' ? '6 6' : undefined}
            opacity={0.55}
          />
        ) : null,
      )}
      {map.feeders.map((f) => (
        <g key={f.id} data-testid="wall-map-feeder" data-feeder={f.id} data-state={f.state}>
          <FeederGlyph x={f.x} y={f.y} state={f.state} />
        </g>
      ))}
      {map.substations.map((s) => {
        const big = s.voltageKv >= 220;
        const size = big ? 40 : 30;
        // English names are twice as wide as the Chinese ("New Area Centre", 新区中心): every other 110 kV name goes
        // above its node, else neighbours run into each other ("TantongNew Area CenGaozhu North").
        const above = big || (lang === 'en' && (smallIndex.get(s.id) ?? 0) % 2 === 1);
        return (
          <g key={s.id} data-testid="wall-map-substation" data-substation={s.id} data-state={s.state}>
            <rect
              x={s.x - size / 2}
              y={s.y - size / 2}
              width={size}
              height={size}
              rx={big ? 6 : size / 2}
              fill={s.state === 'noData' ? 'var(--panel)' : STATE_VAR[s.state]}
              stroke={s.state === 'noData' ? STATE_VAR.noData : 'var(--text)'}
              strokeWidth={3}
            />
            {!named(s) ? null : (
              <text
                x={s.x}
                y={above ? s.y - size / 2 - 10 : s.y + size / 2 + 30}
                className={styles.heroStation}
                textAnchor="middle"
              >
                {shortStation(nameOf.get(s.id) ?? s.id, s.voltageKv)}
              </text>
            )}
          </g>
        );
      })}
      {(['sc', 'cq'] as Province[]).map((p) => {
        const c = map.counts[p];
        const prov = provinceName(p);
        const west = p === 'sc';
        const x = west ? 40 : MAP_WIDTH - 40;
        const anchor = west ? 'start' : 'end';
        const km2 = (v: number) => `${formatNumber(v, lang, { decimals: 0 })} km²`;
        return (
          <g key={`label-${p}`}>
            <text x={x} y={628} className={styles.heroProvinceName} data-province={p} textAnchor={anchor}>
              {prov?.name[lang] ?? p}
              {prov && !wrap ? ` · ${km2(prov.areaKm2)}` : ''}
            </text>
            <text x={x} y={658} className={styles.heroCounts} textAnchor={anchor}>
              {prov && wrap ? `${km2(prov.areaKm2)} · ` : ''}
              {tw(lang, 'hero.counts', { pv: c.pvSites, mwp: formatNumber(c.pvKwp / 1000, lang, { decimals: 1 }) })}
              {wrap ? '' : ` · ${tw(lang, 'hero.chargingStations', { n: c.chargingStations })}`}
            </text>
            {wrap ? (
              <text x={x} y={658 + EN_CAPTION_EXTRA} className={styles.heroCounts} textAnchor={anchor}>
                {tw(lang, 'hero.chargingStations', { n: c.chargingStations })}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Re-rendered only when a state on the map changes (or the language). */
const AreaMapSvg = memo(AreaMapSvgImpl, (a, b) => a.lang === b.lang && areaMapKey(a.map) === areaMapKey(b.map));

function Band({
  thicknessPx,
  accent,
  reverse,
  testId,
}: {
  thicknessPx: number;
  accent: 'pv' | 'load';
  reverse?: boolean;
  testId: string;
}) {
  return (
    <div className={styles.flowLane} data-testid={testId} data-thickness={thicknessPx}>
      {thicknessPx > 0 ? (
        // Drawn at the full thickness and scaled: a change of power glides by the compositor (transform), not by a
        // relayout of the strip every frame for a second and a half.
        <span
          className={styles.flowBand}
          data-accent={accent}
          data-reverse={reverse || undefined}
          style={{ height: FLOW_MAX_PX, transform: `scaleY(${thicknessPx / FLOW_MAX_PX})` }}
        />
      ) : (
        <span className={styles.flowNone} />
      )}
      <span className={styles.flowArrow} data-accent={accent} aria-hidden="true">
        {thicknessPx > 0 ? (reverse ? '◀' : '▶') : ''}
      </span>
    </div>
  );
}

function FlowStrip({ flow, lang, animate }: { flow: EnergyFlow | null; lang: 'zh' | 'en'; animate: boolean }) {
  const mw = (kw: number | null) => formatPower(kw, lang).text;
  const exporting = flow !== null && flow.pvToGridKw > 0;
  return (
    <div
      className={styles.flowStrip}
      data-animate={animate || undefined}
      data-testid="wall-energy-flow"
      data-exporting={exporting || undefined}
    >
      <div className={styles.flowNode} data-accent="pv">
        <span className={styles.flowLabel}>☀ {tw(lang, 'hero.pv')}</span>
        <span className={`${styles.flowValue} num`} data-testid="wall-flow-pv">
          {mw(flow ? flow.pvToLoadKw + flow.pvToGridKw : null)}
        </span>
      </div>
      <Band thicknessPx={flow?.thicknessPx.pvToLoad ?? 0} accent="pv" testId="wall-flow-pv-band" />
      <div className={styles.flowSink}>
        <span className={styles.flowLabel}>{tw(lang, 'hero.consumption')}</span>
        <span className={`${styles.flowValue} num`} data-testid="wall-flow-consumption">
          {mw(flow?.consumptionKw ?? null)}
        </span>
        {/* The grid's share is the bar itself, PV's a scaled segment over it (a transform, as the bands). */}
        <span className={styles.flowShare} data-empty={flow === null || undefined} aria-hidden="true">
          <span className={styles.flowShareSeg} style={{ transform: `scaleX(${(flow?.pvSharePct ?? 0) / 100})` }} />
        </span>
        <span className={styles.flowEv}>
          <span>{tw(lang, 'hero.ev')}</span>
          <span className={styles.flowEvLine}>
            <span className={styles.flowEvBar} aria-hidden="true">
              <span
                className={styles.flowEvFill}
                style={{
                  transform: `scaleX(${Math.max(flow?.evSharePct ?? 0, flow && flow.evKw > 0 ? 1 : 0) / 100})`,
                }}
              />
            </span>
            <span data-testid="wall-flow-ev">
              {tw(lang, 'hero.evValue', {
                value: mw(flow?.evKw ?? null),
                pct: flow ? formatNumber(flow.evSharePct, lang, { decimals: 1 }) : '—',
              })}
            </span>
          </span>
        </span>
      </div>
      <Band
        thicknessPx={exporting ? (flow?.thicknessPx.pvToGrid ?? 0) : (flow?.thicknessPx.gridToLoad ?? 0)}
        accent={exporting ? 'pv' : 'load'}
        reverse={!exporting}
        testId="wall-flow-grid-band"
      />
      <div className={styles.flowNode} data-accent={exporting ? 'pv' : 'load'}>
        <span className={styles.flowLabel}>
          ⚡ {exporting ? tw(lang, 'hero.gridExport') : tw(lang, 'hero.gridImport')}
        </span>
        <span className={`${styles.flowValue} num`} data-testid="wall-flow-grid">
          {mw(flow ? (exporting ? flow.pvToGridKw : flow.gridToLoadKw) : null)}
        </span>
      </div>
    </div>
  );
}

export function AreaHero({ model, config, outages, active }: Props) {
  const { lang, reducedMotion } = useWallEnv();
  const map = useMemo(
    () => areaMapModel(config, model.feeders, outages, SCHEMATIC_MAX_FEEDERS),
    [config, model.feeders, outages],
  );
  const flow = energyFlow(model.snapshot.figures.area?.power);
  return (
    <ScenePanel
      model={model}
      name="areaMap"
      title={tw(lang, 'hero.title')}
      className={styles.areaHero}
      aside={<span className={styles.heroNote}>{tw(lang, 'hero.schematicNote')}</span>}
    >
      <div className={styles.heroBody}>
        <AreaMapSvg map={map} config={config} lang={lang} />
        <span className={styles.heroLegend}>
          <span className={styles.heroLegendItem} style={{ color: 'var(--state-normal)' }}>
            ● {tw(lang, 'state.normal')}
          </span>
          <span className={styles.heroLegendItem} style={{ color: 'var(--state-heavy)' }}>
            ▲ {tw(lang, 'state.heavy')}
          </span>
          <span className={styles.heroLegendItem} style={{ color: 'var(--state-overload)' }}>
            ◆ {tw(lang, 'state.overload')}
          </span>
          <span className={styles.heroLegendItem} style={{ color: 'var(--state-stale)' }}>
            ○ {tw(lang, 'state.noData')}
          </span>
          <span className={styles.heroLegendItem} style={{ color: 'var(--text-muted)' }}>
            ✕ {tw(lang, 'hero.out')}
          </span>
          <span className={styles.heroLegendItem} style={{ color: 'var(--text)' }}>
            ■ 220 kV
          </span>
          <span className={styles.heroLegendItem} style={{ color: 'var(--text)' }}>
            ⬤ 110 kV
          </span>
        </span>
        <FlowStrip flow={flow} lang={lang} animate={active && !reducedMotion} />
      </div>
    </ScenePanel>
  );
}
