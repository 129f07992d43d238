/**
 * The admin screen's screens tab: every screen that reported its health (src/browser/app/screen-health-reporter.ts),
 * its state in colour and word (live, stale, frozen data), frame rate, heap, data age and when it was last seen, so an
 * operator sees a frozen lobby wall from the desk. It asks the server again every few seconds while open; the server
 * judges the states (one rule, src/core/contract/screen-health-api.ts), the tab only says them.
 */
import { useEffect, useState } from 'react';
import type { ScreenEntry, ScreenList, ScreenState } from '../../../../core/contract/screen-health-api';
import type { Lang } from '../../../../core/lang';
import { formatDateTime } from '../../../../core/time/shanghai';
import adminStyles from '../admin.module.css';
import styles from './screens.module.css';
import { fetchScreens, type ScreensOutcome } from './screens-client';
import { durationWords, heapMb } from './screens-format';
import { type ScreensMessageId, screensTr } from './screens-messages';

/** How often the open tab asks again: a third of the report interval, so a state change shows within seconds. */
const REFRESH_MS = 5_000;

/** Worst first: stale, then frozen data, then live; within a state by name. */
const STATE_ORDER: Record<ScreenState, number> = { stale: 0, 'frozen-data': 1, live: 2 };
const byConcern = (a: ScreenEntry, b: ScreenEntry) =>
  STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
  (a.report.screenName ?? a.report.screenId).localeCompare(b.report.screenName ?? b.report.screenId);

export function ScreensTab({ lang }: { lang: Lang }) {
  const tr = screensTr(lang);
  const [list, setList] = useState<ScreenList | null>(null);
  const [problem, setProblem] = useState<Exclude<ScreensOutcome, { kind: 'ok' }> | null>(null);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const o = await fetchScreens();
      if (!alive) return;
      if (o.kind === 'ok') {
        setList(o.value);
        setProblem(null);
      } else setProblem(o);
      // Denied stays denied until the user signs in again: no point asking every few seconds.
      if (o.kind !== 'denied') timer = setTimeout(load, REFRESH_MS);
    };
    void load();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, []);

  const duration = (s: number) => {
    const w = durationWords(s);
    return tr(w.id, { n: w.n });
  };
  const problemText = (o: Exclude<ScreensOutcome, { kind: 'ok' }>) =>
    o.kind === 'denied'
      ? tr('denied')
      : o.kind === 'unreachable'
        ? tr('unreachable', { detail: o.detail })
        : tr('rejected', { status: o.status, detail: o.detail });

  const screens = list ? [...list.screens].sort(byConcern) : [];
  const counts = { live: 0, stale: 0, 'frozen-data': 0 } satisfies Record<ScreenState, number>;
  for (const s of screens) counts[s.state]++;

  return (
    <section className={adminStyles.tab} data-testid="admin-screens">
      <h2 className={adminStyles.heading}>{tr('heading')}</h2>
      {list ? (
        <p className={adminStyles.muted}>
          {tr('explain', {
            interval: Math.round(list.intervalMs / 1000),
            stale: list.staleAfterS,
            frozen: list.frozenDataAgeS,
          })}
        </p>
      ) : null}
      {problem ? (
        <p className={adminStyles.problem} role="alert" data-testid="screens-problem">
          {problemText(problem)}
        </p>
      ) : null}
      {!list ? (
        problem ? null : (
          <p className={adminStyles.muted}>{tr('loading')}</p>
        )
      ) : screens.length === 0 ? (
        <p className={adminStyles.muted} data-testid="screens-empty">
          {tr('empty')}
        </p>
      ) : (
        <>
          <p className={adminStyles.muted} data-testid="screens-count">
            {tr('count', { n: screens.length, live: counts.live, stale: counts.stale, frozen: counts['frozen-data'] })}
          </p>
          <div className={adminStyles.tableWrap}>
            <table className={adminStyles.table} data-testid="screens-table" aria-label={tr('heading')}>
              <thead>
                <tr>
                  {(
                    [
                      'col.state',
                      'col.screen',
                      'col.route',
                      'col.fps',
                      'col.heap',
                      'col.dataAge',
                      'col.connection',
                      'col.lastSeen',
                      'col.version',
                      'col.address',
                    ] satisfies ScreensMessageId[]
                  ).map((id) => (
                    <th key={id} className={adminStyles.th} scope="col">
                      {tr(id)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {screens.map((s) => {
                  const r = s.report;
                  const mb = heapMb(r.heapUsedBytes);
                  return (
                    <tr
                      key={s.key}
                      className={`${adminStyles.tr} ${styles.row}`}
                      data-state={s.state}
                      data-testid="screens-row"
                      data-screen-id={r.screenId}
                    >
                      <td className={adminStyles.td}>
                        <span className={styles.state} data-state={s.state} data-testid="screens-state">
                          {tr(`state.${s.state}`)}
                        </span>
                      </td>
                      <td className={adminStyles.td}>
                        <div className={styles.name}>{r.screenName ?? r.screenId}</div>
                        {r.screenName ? <div className={styles.id}>{r.screenId}</div> : null}
                      </td>
                      <td className={adminStyles.td}>{r.route}</td>
                      <td className={`${adminStyles.td} ${styles.figures} num`} data-testid="screens-fps">
                        {r.fps.toFixed(0)}
                      </td>
                      <td className={`${adminStyles.td} ${styles.figures} num`}>
                        {mb === null ? tr('notAvailable') : tr('unit.mb', { n: mb })}
                      </td>
                      <td
                        className={`${adminStyles.td} ${styles.figures} num ${s.state === 'frozen-data' ? styles.late : ''}`}
                        data-testid="screens-data-age"
                      >
                        {r.dataAgeS === null ? tr('noData') : duration(r.dataAgeS)}
                      </td>
                      <td className={`${adminStyles.td} ${styles.figures}`}>{tr(`connection.${r.connection}`)}</td>
                      <td className={`${adminStyles.td} num`} title={formatDateTime(s.lastSeenMs)}>
                        {tr('ago', { age: duration(s.reportAgeS) })}
                      </td>
                      <td className={adminStyles.td}>{r.appVersion}</td>
                      <td className={adminStyles.td}>{s.address}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
