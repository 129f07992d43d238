/**
 * The alarm log panel of /dispatch: every alarm the server recorded (raised, escalated, acknowledged — by whom, with
 * the note —, cleared), filtered by time range, device, rule and state, newest first, with the same rows as CSV.
 * Opens over the tables like the feeder drill-down; the filters apply on 查询 (Enter), not per keystroke.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { AlarmLogResponse } from '../../../core/contract/history-api';
import { ALARM_LOG_STATES, type AlarmLogState } from '../../../core/contract/history-api-terms';
import { ALARM_RULES, type AlarmRule, type AlarmSeverity } from '../../../core/domain/alarms/types';
import { formatDateTime } from '../../../core/time/shanghai';
import { createHistoryClient } from '../../history/history-client';
import { formatNumber } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import {
  type AlarmLogFilters,
  alarmLogCsvRequest,
  alarmLogRequest,
  defaultAlarmLogFilters,
  fromWallInput,
  toWallInput,
} from './alarm-log';
import styles from './dispatch.module.css';
import { RULE_LABEL, SEVERITY_GLYPH, SEVERITY_LABEL } from './dispatch-labels';
import { type DispatchMessageId, dt } from './dispatch-messages';

const STATE_WORD: Record<AlarmLogState, DispatchMessageId> = {
  active: 'log.stateActive',
  cleared: 'log.stateCleared',
  acknowledged: 'log.stateAcknowledged',
};

/** The log table's columns, by their heading. */
const LOG_COLUMNS: readonly DispatchMessageId[] = [
  'alarms.severity',
  'log.rule',
  'alarms.device',
  'log.start',
  'log.cleared',
  'log.peak',
  'log.ack',
];

const isRule = (r: string): r is AlarmRule => (ALARM_RULES as readonly string[]).includes(r);

type LogState = { status: 'loading' } | { status: 'ok'; res: AlarmLogResponse } | { status: 'error'; message: string };

interface Props {
  baseUrl: string;
  nowMs: number;
  names: ReadonlyMap<string, { zh: string; en: string }>;
  onClose: () => void;
}

export function AlarmLogPanel({ baseUrl, nowMs, names, onClose }: Props) {
  const lang = useLang();
  const [draft, setDraft] = useState<AlarmLogFilters>(() => defaultAlarmLogFilters(nowMs || Date.now()));
  const [applied, setApplied] = useState<AlarmLogFilters>(draft);
  const [state, setState] = useState<LogState>({ status: 'loading' });
  const client = useMemo(() => createHistoryClient(baseUrl), [baseUrl]);

  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    client
      .alarmLog(alarmLogRequest(applied), ctrl.signal)
      .then((res) => setState({ status: 'ok', res }))
      .catch((e: Error) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', message: e.message });
      });
    return () => ctrl.abort();
  }, [client, applied]);

  const setFilter = <K extends keyof AlarmLogFilters>(key: K, value: AlarmLogFilters[K]) =>
    setDraft({ ...draft, [key]: value });
  /** A choice filter's value, its setter and its test id, by the filter it sets. */
  const choice = <K extends 'rule' | 'state'>(key: K) => ({
    value: draft[key],
    onValue: (v: AlarmLogFilters[K]) => setFilter(key, v),
    testId: `alarm-log-${key}`,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...draft });
  };
  const rows = state.status === 'ok' ? [...state.res.alarms].reverse() : [];
  const ruleWord = (rule: string) => (isRule(rule) ? dt(lang, RULE_LABEL[rule]) : rule);
  const severityWord = (s: AlarmSeverity) => `${SEVERITY_GLYPH[s]} ${dt(lang, SEVERITY_LABEL[s])}`;

  return (
    <aside className={styles.drill} data-testid="alarm-log" aria-label={dt(lang, 'alarms.tabLog')}>
      <header className={styles.drillHead}>
        <h2>{dt(lang, 'alarms.tabLog')}</h2>
        <span className={styles.spacer} />
        <a
          className={styles.smallButton}
          href={client.alarmLogCsvUrl(alarmLogCsvRequest(applied))}
          download
          data-testid="alarm-log-csv"
        >
          {dt(lang, 'log.csv')}
        </a>
        <button type="button" className={styles.smallButton} onClick={onClose} data-testid="alarm-log-close">
          {dt(lang, 'drill.close')} (Esc)
        </button>
      </header>
      <form className={styles.logFilters} onSubmit={submit} data-testid="alarm-log-filters">
        <TimeFilter label="log.from" ms={draft.fromMs} onMs={(ms) => setFilter('fromMs', ms)} testId="alarm-log-from" />
        <TimeFilter label="log.to" ms={draft.toMs} onMs={(ms) => setFilter('toMs', ms)} testId="alarm-log-to" />
        <label>
          {dt(lang, 'log.device')}
          <input
            list="alarm-log-devices"
            value={draft.deviceId}
            onChange={(e) => setFilter('deviceId', e.target.value)}
            placeholder={dt(lang, 'log.any')}
            data-testid="alarm-log-device"
          />
          <datalist id="alarm-log-devices">
            {[...names.keys()].map((id) => (
              <option key={id} value={id}>
                {names.get(id)?.[lang]}
              </option>
            ))}
          </datalist>
        </label>
        <ChoiceFilter label="log.rule" values={ALARM_RULES} words={RULE_LABEL} {...choice('rule')} />
        <ChoiceFilter label="log.state" values={ALARM_LOG_STATES} words={STATE_WORD} {...choice('state')} />
        <button type="submit" className={styles.ackButton} data-testid="alarm-log-search">
          {dt(lang, 'log.search')}
        </button>
      </form>
      {state.status === 'loading' ? (
        <div className={styles.drillCaption} data-testid="alarm-log-loading">
          {dt(lang, 'log.loading')}
        </div>
      ) : state.status === 'error' ? (
        <div className={styles.notShared} data-testid="alarm-log-error" role="status">
          {dt(lang, 'log.error')} · {state.message}
        </div>
      ) : rows.length === 0 ? (
        <div className={styles.drillCaption} data-testid="alarm-log-empty">
          {dt(lang, 'log.empty')}
        </div>
      ) : state.res.limited ? (
        <div className={styles.drillCaption} data-testid="alarm-log-limited">
          {dt(lang, 'log.limited')}
        </div>
      ) : null}
      <div className={styles.logScroll}>
        <table className={styles.logTable} data-testid="alarm-log-table">
          <thead>
            <tr>
              {LOG_COLUMNS.map((id) => (
                <th key={id}>{dt(lang, id)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.alarmId}
                data-testid="alarm-log-row"
                data-alarm-id={r.alarmId}
                data-rule={r.rule}
                data-device={r.deviceId}
                data-state={r.state}
              >
                <td data-severity={r.severity}>{severityWord(r.peakSeverity)}</td>
                <td>{ruleWord(r.rule)}</td>
                <td>{names.get(r.deviceId)?.[lang] ?? r.deviceId}</td>
                <td className="num">{formatDateTime(r.startMs)}</td>
                <td className="num">
                  {r.clearedMs === null ? dt(lang, 'log.stateActive') : formatDateTime(r.clearedMs)}
                </td>
                <td className="num">{formatNumber(r.peakValue, lang, { decimals: 1 })}</td>
                <td>
                  {r.ack ? (
                    <>
                      {r.ack.by} <span className="num">{formatDateTime(r.ack.atMs)}</span>
                      {r.ack.note ? <span className={styles.muted}> · {r.ack.note}</span> : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </aside>
  );
}

/** One end of the log's time range: a Beijing-time date and time, none when left empty. */
function TimeFilter(p: {
  label: DispatchMessageId;
  ms: number | null;
  onMs: (ms: number | null) => void;
  testId: string;
}) {
  const lang = useLang();
  return (
    <label>
      {dt(lang, p.label)}
      <input
        type="datetime-local"
        value={toWallInput(p.ms)}
        onChange={(e) => p.onMs(fromWallInput(e.target.value))}
        data-testid={p.testId}
      />
    </label>
  );
}

/** A filter by one of a few values (rule, state), or by none of them: "any" first. */
function ChoiceFilter<V extends string>(p: {
  label: DispatchMessageId;
  value: V | '';
  values: readonly V[];
  /** Each value's word. */
  words: Record<V, DispatchMessageId>;
  onValue: (v: V | '') => void;
  testId: string;
}) {
  const lang = useLang();
  return (
    <label>
      {dt(lang, p.label)}
      <select value={p.value} onChange={(e) => p.onValue(e.target.value as V | '')} data-testid={p.testId}>
        <option value="">{dt(lang, 'log.any')}</option>
        {p.values.map((v) => (
          <option key={v} value={v}>
            {dt(lang, p.words[v])}
          </option>
        ))}
      </select>
    </label>
  );
}
