/**
 * The drill-down's breaker and switch states of a feeder and its sections energised or out: as the feeder reports
 * them with its telemetry when it has remote switching (the truth, with its device time); else, for a feeder in (or
 * within 24 h after) an outage, derived from the live service's outage record (outage-view.ts), and said so.
 */
import { useMemo } from 'react';
import { useAreaConfig, useReliability } from '../../live/runtime-context';
import { useLang } from '../../ui/i18n/lang-context';
import { ot } from './outage-messages';
import { feederSwitching, outageOfFeeder, type ReportedSwitching, reportedSwitching } from './outage-view';
import styles from './outages.module.css';

export function FeederSwitching({
  feederId,
  reported,
}: {
  feederId: string;
  /** The switch states in the feeder's latest telemetry, and its device time; null without remote switching. */
  reported: { switching: ReportedSwitching; tsMs: number } | null;
}) {
  const lang = useLang();
  const area = useAreaConfig();
  const rel = useReliability();
  const view = useMemo(() => {
    const outage = outageOfFeeder(rel.outages?.outages ?? [], feederId);
    const feeder = area.feeders.find((f) => f.id === feederId);
    return reported
      ? reportedSwitching(reported.switching, reported.tsMs, outage, feeder, area, lang)
      : feederSwitching(outage, feeder, area, lang);
  }, [rel.outages, feederId, area, lang, reported]);

  if (!view)
    return (
      <p className={styles.muted} data-testid="drilldown-switching-none">
        {ot(lang, 'switches.title')} · {ot(lang, 'switches.noOutage')}
      </p>
    );
  return (
    <section
      className={styles.switching}
      data-testid="drilldown-switching"
      data-outage={view.outageId || undefined}
      data-source={reported ? 'telemetry' : 'outage-record'}
    >
      <div>
        <h4>
          {ot(lang, 'switches.title')} <span className={styles.basis}>· {view.basis}</span>
        </h4>
        <ul className={styles.switchList}>
          {view.switches.map((s) => (
            <li key={s.id} data-changed={s.changed || undefined} data-position={s.position} data-testid="switch-state">
              <span>{s.label}</span>
              <span>{s.positionText}</span>
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h4>{ot(lang, 'col.sections')}</h4>
        <ul className={styles.switchList}>
          {view.sections.map((s) => (
            <li key={s.section} data-status={s.status} data-testid="section-state">
              <span>
                {s.label} · {ot(lang, 'section.customers', { n: s.customers })}
              </span>
              <span>{s.text}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
