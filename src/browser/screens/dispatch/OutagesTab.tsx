/**
 * The console's outage and switching list (a tab beside the device tables): outages in progress first, then those
 * ended in the last 24 h, each with its state, sections and customers affected and customer-minutes; a row opens its
 * timeline (trip → isolated → each section back → repaired, device times in Beijing time) and links to the feeder's
 * drill-down. The live service's records, drawn as they are (outage-view.ts words them).
 */
import { Fragment, useMemo, useState } from 'react';
import { useAreaConfig, useReliability } from '../../live/runtime-context';
import { useLang } from '../../ui/i18n/lang-context';
import dispatchStyles from './dispatch.module.css';
import { ot } from './outage-messages';
import { outageDuration, outageRow, outagesForList, outageTimeline } from './outage-view';
import styles from './outages.module.css';

const TONE_GLYPH = { critical: '⚡', warning: '↻', ok: '✓' } as const;

export function OutagesTab({ nowMs, onOpenFeeder }: { nowMs: number; onOpenFeeder: (feederId: string) => void }) {
  const lang = useLang();
  const area = useAreaConfig();
  const rel = useReliability();
  const list = useMemo(() => outagesForList(rel.outages?.outages ?? [], nowMs), [rel.outages, nowMs]);
  const rows = useMemo(() => list.map((o) => outageRow(o, area, nowMs, lang)), [list, area, nowMs, lang]);
  const [openId, setOpenId] = useState<string | null>(null);
  // The newest outage in progress is open by default: what the dispatcher came here for.
  const shownId = openId ?? rows.find((r) => r.inProgress)?.id ?? null;
  const live = rows.filter((r) => r.inProgress).length;
  const indicatorsTs = rel.indicators.area?.ts ?? null;

  return (
    <div className={dispatchStyles.tableTab} data-testid="outage-tab">
      <div className={`${dispatchStyles.toolbar} ${styles.toolbar}`}>
        <strong>{ot(lang, 'list.title')}</strong>
        <span className={styles.muted}>{ot(lang, 'list.scope')}</span>
        <span className={styles.spacer} />
        <span className={styles.count} data-tone={live ? 'critical' : undefined} data-testid="outage-count">
          {ot(lang, 'list.inProgress', { n: live })} · {ot(lang, 'list.ended', { n: rows.length - live })}
        </span>
      </div>
      {rel.freshness === 'stale' ? (
        <p className={styles.stale} role="status" data-testid="outage-stale">
          ◔{' '}
          {ot(lang, 'list.stale', {
            age: indicatorsTs === null ? '—' : outageDuration(Math.max(0, rel.nowMs - indicatorsTs), lang),
          })}
        </p>
      ) : null}
      <div className={styles.scroll}>
        {rel.outages === null ? (
          <p className={styles.empty}>{ot(lang, 'list.waiting')}</p>
        ) : rows.length === 0 ? (
          <p className={styles.empty} data-testid="outage-none">
            {ot(lang, 'list.none')}
          </p>
        ) : (
          <table className={styles.table} data-testid="outage-list">
            <thead>
              <tr>
                <th>{ot(lang, 'col.state')}</th>
                <th>{ot(lang, 'col.feeder')}</th>
                <th>{ot(lang, 'col.cause')}</th>
                <th>{ot(lang, 'col.start')}</th>
                <th>{ot(lang, 'col.duration')}</th>
                <th>{ot(lang, 'col.sections')}</th>
                <th className={styles.num}>{ot(lang, 'col.customers')}</th>
                <th className={styles.num}>{ot(lang, 'col.customerMinutes')}</th>
                <th>{ot(lang, 'col.selfHealing')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const open = r.id === shownId;
                const record = list[i];
                return (
                  <Fragment key={r.id}>
                    <tr
                      className={styles.row}
                      data-tone={r.tone}
                      data-open={open || undefined}
                      data-testid="outage-row"
                      data-feeder={r.feederId}
                      data-in-progress={r.inProgress}
                      onClick={() => setOpenId(open ? '' : r.id)}
                    >
                      <td className={styles.state}>
                        <span aria-hidden="true">{TONE_GLYPH[r.tone]}</span> {r.stateText}
                      </td>
                      <td>
                        {/* The feeder's name opens its drill-down (breaker and switch states, curves, alarms). */}
                        <button
                          type="button"
                          className={styles.link}
                          data-testid="outage-open-feeder"
                          title={ot(lang, 'open.feeder')}
                          onClick={(e) => {
                            e.stopPropagation();
                            onOpenFeeder(r.feederId);
                          }}
                        >
                          {r.feederName} ▸
                        </button>
                        {r.cross ? <span className={styles.cross}>{ot(lang, 'cross')}</span> : null}
                      </td>
                      <td>{r.causeText}</td>
                      <td className="num">{r.startText}</td>
                      <td className="num">{r.durationText}</td>
                      <td>{r.sectionsText}</td>
                      <td className={`${styles.num} num`}>{r.customers}</td>
                      <td className={`${styles.num} num`}>{r.customerMinutes}</td>
                      <td>{r.selfHealingText}</td>
                    </tr>
                    {open && record ? (
                      <tr className={styles.detail}>
                        <td colSpan={9}>
                          <ol
                            className={styles.timeline}
                            data-testid="outage-timeline"
                            aria-label={ot(lang, 'timeline.title')}
                          >
                            {outageTimeline(record, area, nowMs, lang).map((s, k) => (
                              // biome-ignore lint/suspicious/noArrayIndexKey: steps of one record, in a fixed order
                              <li key={k} data-tone={s.tone}>
                                <time className="num">{s.time}</time>
                                <span>{s.text}</span>
                              </li>
                            ))}
                          </ol>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
