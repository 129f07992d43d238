/**
 * Under the energy figures, while the period holds today: today's losses between the 220 kV intake and the feeder
 * heads (live, from the live service), with the sentence that the feeder-head import above excludes them.
 */
import { useAreaLosses } from '../../live/use-area-losses';
import { useLang } from '../../ui/i18n/lang-context';
import { intakeLossesText } from './intake-losses';
import type { Period } from './period';
import styles from './progress.module.css';

export function IntakeLossesLine({ period, nowMs }: { period: Pick<Period, 'fromMs' | 'toMs'>; nowMs: number }) {
  const lang = useLang();
  const figure = useAreaLosses();
  if (nowMs < period.fromMs || nowMs >= period.toMs) return null;
  const { state, text } = intakeLossesText(figure, lang);
  return (
    <p className={styles.lossesLine} data-testid="progress-losses" data-state={state}>
      {text}
    </p>
  );
}
