/** The outages tab's count of outages in progress, so a trip is seen from whichever table is open. */
import { useReliability } from '../../live/runtime-context';
import styles from './outages.module.css';

export function OutageTabBadge() {
  const rel = useReliability();
  const n = rel.outages?.outages.filter((o) => o.state !== 'repaired').length ?? 0;
  if (n === 0) return null;
  return (
    <span className={styles.badge} data-testid="outage-tab-badge">
      ⚡ {n}
    </span>
  );
}
