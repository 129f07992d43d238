/**
 * The drill-down's breaker and switch states for a feeder in (or within 24 h after) an outage, with its sections
 * energised or out: derived from the live service's outage record (outage-view.ts feederSwitching), and said so.
 */
import { useMemo } from 'react';
import { useAreaConfig, useReliability } from '../../live/runtime-context';
import { useLang } from '../../ui/i18n/lang-context';
import { ot } from './outage-messages';
import { feederSwitching, outageOfFeeder } from './outage-view';
import styles from './outages.module.css';

export function FeederSwitching({ feederId }: { feederId: string }) {
  const lang = useLang();
  const area = useAreaConfig();
  const rel = useReliability();
  const view = useMemo(() => {
    const outage = outageOfFeeder(rel.outages?.outages ?? [], feederId);
    return feederSwitching(
      outage,
      area.feeders.find((f) => f.id === feederId),
      area,
      lang,
    );
  }, [rel.outages, feederId, area, lang]);

  if (!view)
    return (
      <p className={styles.muted} data-testid="drilldown-switching-none">
        {ot(lang, 'switches.title')} · {ot(lang, 'switches.noOutage')}
      </p>
    );
  return (
    <section className={styles.switching} data-testid="drilldown-switching" data-outage={view.outageId}>
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
