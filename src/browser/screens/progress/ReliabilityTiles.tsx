/** The reliability section's year-to-date tiles: RS-1 and SAIDI against the area's targets, and faults self-healed. */
import type { ReactNode } from 'react';
import type { Lang } from '../../../core/lang';
import { KpiTile } from '../../ui/components/KpiTile';
import { DASH, formatNumber } from '../../ui/format/number';
import { scopeMessageId, t } from '../../ui/i18n/messages';
import styles from './progress.module.css';
import type { ProgressTr } from './progress-messages';
import { min2, pct3, rs1Text, seconds, verdict } from './reliability-format';
import type { ReliabilityView } from './reliability-view';

/** What sets the two target tiles apart: their words, the year-to-date metric, accent, unit and figure (unit-less). */
const TARGET_TILE = {
  rs1: { label: 'rel.kpi.rs1', metric: 'rs1Pct', accent: 'clean', unit: '%', text: rs1Text },
  saidi: { label: 'rel.kpi.saidi', metric: 'saidiMin', accent: 'load', unit: 'min', text: min2 },
} as const;

interface TargetTileProps {
  id: keyof typeof TARGET_TILE;
  /** Against the target, with the verdict. */
  compare: string;
  view: ReliabilityView;
  lang: Lang;
  tr: ProgressTr;
}

/** An indicator of the whole area with its target, each province's value and the faults-only value beneath. */
function TargetTile({ id, compare, view, lang, tr }: TargetTileProps) {
  const { label, metric, accent, unit } = TARGET_TILE[id];
  const text = (v: number | null | undefined) => TARGET_TILE[id].text(v, lang);
  const ytd = view.yearToDate;
  const a = ytd.byScope.area;
  const known = view.status === 'measured' || view.status === 'no-outage';
  const withUnit = (v: number | null | undefined) => `${text(v)}${unit === '%' ? '%' : ` ${unit}`}`;
  const byProvince = (['sc', 'cq'] as const)
    .map((s) => `${t(lang, scopeMessageId(s))} ${withUnit(ytd.byScope[s]?.all[metric])}`)
    .join(' · ');
  const sub: ReactNode = (
    <>
      <span className={styles.kpiCompare} data-testid={`rel-kpi-${id}-target`}>
        {compare}
      </span>
      <span className={styles.kpiExtra}>{known ? byProvince : ''}</span>
      <span className={styles.kpiFactor}>
        {tr('rel.kpi.unplanned')}: {known ? withUnit(a?.unplanned[metric]) : DASH}
      </span>
    </>
  );
  return (
    <KpiTile
      testId={`rel-kpi-${id}`}
      accent={accent}
      label={tr(label)}
      value={known ? text(a?.all[metric]) : DASH}
      unit={unit}
      sub={sub}
    />
  );
}

export function ReliabilityTiles({ view, lang, tr }: { view: ReliabilityView; lang: Lang; tr: ProgressTr }) {
  const ytd = view.yearToDate;
  const a = ytd.byScope.area;
  const known = view.status === 'measured' || view.status === 'no-outage';
  const rs1Sub = view.rs1Target
    ? `${tr('rel.target', { value: `${pct3(view.rs1Target.value, lang)}%` })}${verdict(ytd.rs1Met, tr)}`
    : tr('rel.noTarget');
  const saidiSub =
    view.saidiTarget && ytd.saidiTargetMin !== null
      ? `${tr('rel.targetShare', {
          value: `${min2(ytd.saidiTargetMin, lang)} min`,
          year: view.year,
          annual: `${formatNumber(view.saidiTarget.value, lang, { decimals: 0 })} min`,
        })}${verdict(ytd.saidiMet, tr)}`
      : tr('rel.noTarget');
  return (
    <div className={styles.relKpis}>
      <TargetTile id="rs1" compare={rs1Sub} {...{ view, lang, tr }} />
      <TargetTile id="saidi" compare={saidiSub} {...{ view, lang, tr }} />
      <KpiTile
        testId="rel-kpi-healed"
        accent="carbon"
        label={tr('rel.kpi.selfHealed')}
        value={known && a ? String(a.selfHealedFaults) : DASH}
        unit={known && a ? `/ ${a.faults}` : ''}
        sub={
          <span className={styles.kpiCompare} data-testid="rel-kpi-healed-detail">
            {known && a
              ? tr('rel.selfHealedValue', {
                  healed: a.selfHealedFaults,
                  faults: a.faults,
                  mean: seconds(a.meanSelfHealingS, lang),
                })
              : DASH}
          </span>
        }
      />
    </div>
  );
}
