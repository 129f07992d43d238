/**
 * The reliability section's table: a row per month and the year to date; RS-1 and SAIDI for the area and each
 * province beside the target and its verdict, then the area's SAIFI, CAIDI, momentary interruptions, faults
 * self-healed and mean self-healing time. A month not recorded shows dashes, never zeros.
 */
import type { Scope } from '../../../core/domain/scope';
import type { Lang } from '../../../core/lang';
import { DASH, formatNumber } from '../../ui/format/number';
import { scopeMessageId, t } from '../../ui/i18n/messages';
import styles from './progress.module.css';
import type { ProgressTr } from './progress-messages';
import { min2, monthLabel, pct3, recordedText, rs1Text, seconds, verdict } from './reliability-format';
import type { ReliabilityRow, ReliabilityView } from './reliability-view';

const SCOPES: Scope[] = ['area', 'sc', 'cq'];

function Row({ row, lang, tr }: { row: ReliabilityRow; lang: Lang; tr: ProgressTr }) {
  const area = row.byScope.area;
  const known = row.recorded !== 'none';
  /** One cell per scope, then the target with its verdict. */
  const withTarget = (testId: string, f: (s: Scope) => string, target: string | null, met: boolean | null) => [
    ...SCOPES.map((s) => (
      <td key={s} className="num" data-testid={`rel-${testId}-${row.key}-${s}`}>
        {known ? f(s) : DASH}
      </td>
    )),
    <td key="target" className={`num ${styles.muted}`}>
      {target ?? DASH}
      {known ? verdict(met, tr) : ''}
    </td>,
  ];
  return (
    <tr data-testid={`rel-row-${row.key}`} data-recorded={row.recorded}>
      <th scope="row" className={styles.figureCol}>
        {monthLabel(row.key, tr)}
      </th>
      <td className={row.recorded === 'full' ? 'num' : `num ${styles.muted}`} data-testid={`rel-recorded-${row.key}`}>
        {recordedText(row, lang, tr)}
      </td>
      {withTarget(
        'rs1',
        (s) => rs1Text(row.byScope[s]?.all.rs1Pct, lang),
        row.rs1TargetPct === null ? null : pct3(row.rs1TargetPct, lang),
        row.rs1Met,
      )}
      {withTarget(
        'saidi',
        (s) => min2(row.byScope[s]?.all.saidiMin, lang),
        row.saidiTargetMin === null ? null : min2(row.saidiTargetMin, lang),
        row.saidiMet,
      )}
      <td className="num">{known ? formatNumber(area?.all.saifi ?? null, lang, { decimals: 4 }) : DASH}</td>
      <td className="num">{known ? min2(area?.all.caidiMin, lang) : DASH}</td>
      <td className="num">
        {known ? formatNumber(area?.all.momentaryInterruptions ?? null, lang, { decimals: 0 }) : DASH}
      </td>
      <td className="num" data-testid={`rel-faults-${row.key}`}>
        {known && area ? `${area.faults} / ${area.selfHealedFaults}` : DASH}
      </td>
      <td className="num">{known ? seconds(area?.meanSelfHealingS ?? null, lang) : DASH}</td>
    </tr>
  );
}

export function ReliabilityTable({ view, lang, tr }: { view: ReliabilityView; lang: Lang; tr: ProgressTr }) {
  return (
    <div className={styles.relTableBox}>
      <table className={styles.table} data-testid="reliability-table">
        <thead>
          <tr>
            <th rowSpan={2} className={styles.figureCol}>
              {tr('rel.col.month')}
            </th>
            <th rowSpan={2}>{tr('rel.col.recorded')}</th>
            <th colSpan={4} className={styles.scopeHead}>
              {tr('rel.col.rs1')}
            </th>
            <th colSpan={4} className={styles.scopeHead}>
              {tr('rel.col.saidi')}
            </th>
            <th rowSpan={2}>{tr('rel.col.saifi')}</th>
            <th rowSpan={2}>{tr('rel.col.caidi')}</th>
            <th rowSpan={2}>{tr('rel.col.momentary')}</th>
            <th rowSpan={2}>{tr('rel.col.faults')}</th>
            <th rowSpan={2}>{tr('rel.col.meanHealing')}</th>
          </tr>
          <tr>
            {[0, 1].flatMap((g) => [
              ...SCOPES.map((s) => (
                <th key={`${g}-${s}`} data-scope={s} className={s === 'area' ? undefined : styles.provinceHead}>
                  {t(lang, scopeMessageId(s))}
                </th>
              )),
              <th key={`${g}-t`}>{tr('rel.col.target')}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {view.months.map((row) => (
            <Row key={row.key} row={row} lang={lang} tr={tr} />
          ))}
          <Row row={view.yearToDate} lang={lang} tr={tr} />
        </tbody>
      </table>
    </div>
  );
}
