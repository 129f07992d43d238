/**
 * The alarm log panel of /dispatch: every alarm the server recorded (raised, escalated, acknowledged — by whom, with
 * the note —, cleared), filtered by time range, device, rule and state, newest first, with the same rows as CSV.
 * Opens over the tables like the feeder drill-down; the filters apply on 查询 (Enter), not per keystroke.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { ALARM_LOG_STATES, type AlarmLogResponse, type AlarmLogState } from '../../../core/contract/history-api';
import { ALARM_RULES, type AlarmRule, type AlarmSeverity } from '../../../core/domain/alarms/types';
import { formatDateTime } from '../../../core/time/shanghai';
import { formatNumber } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import {
  type AlarmLogFilters,
  alarmLogCsvUrl,
  defaultAlarmLogFilters,
  fetchAlarmLog,
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

  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    fetchAlarmLog(baseUrl, applied, ctrl.signal)
      .then((res) => setState({ status: 'ok', res }))
      .catch((e: Error) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', message: e.message });
      });
    return () => ctrl.abort();
  }, [baseUrl, applied]);

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
        <a className={styles.smallButton} href={alarmLogCsvUrl(baseUrl, applied)} download data-testid="alarm-log-csv">
          {dt(lang, 'log.csv')}
        </a>
        <button type="button" className={styles.smallButton} onClick={onClose} data-testid="alarm-log-close">
          {dt(lang, 'drill.close')} (Esc)
        </button>
      </header>
      <form className={styles.logFilters} onSubmit={submit} data-testid="alarm-log-filters">
        <label>
          {dt(lang, 'log.from')}
          <input
            type="datetime-local"
            value={toWallInput(draft.fromMs)}
            onChange={(e) => setDraft({ ...draft, fromMs: fromWallInput(e.target.value) })}
            data-testid="alarm-log-from"
          />
        </label>
        <label>
          {dt(lang, 'log.to')}
          <input
            type="datetime-local"
            value={toWallInput(draft.toMs)}
            onChange={(e) => setDraft({ ...draft, toMs: fromWallInput(e.target.value) })}
            data-testid="alarm-log-to"
          />
        </label>
        <label>
          {dt(lang, 'log.device')}
          <input
            list="alarm-log-devices"
            value={draft.deviceId}
            onChange={(e) => setDraft({ ...draft, deviceId: e.target.value })}
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
        <label>
          {dt(lang, 'log.rule')}
          <select
            value={draft.rule}
            onChange={(e) => setDraft({ ...draft, rule: e.target.value as AlarmRule | '' })}
            data-testid="alarm-log-rule"
          >
            <option value="">{dt(lang, 'log.any')}</option>
            {ALARM_RULES.map((r) => (
              <option key={r} value={r}>
                {dt(lang, RULE_LABEL[r])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {dt(lang, 'log.state')}
          <select
            value={draft.state}
            onChange={(e) => setDraft({ ...draft, state: e.target.value as AlarmLogState | '' })}
            data-testid="alarm-log-state"
          >
            <option value="">{dt(lang, 'log.any')}</option>
            {ALARM_LOG_STATES.map((s) => (
              <option key={s} value={s}>
                {dt(lang, STATE_WORD[s])}
              </option>
            ))}
          </select>
        </label>
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
              <th>{dt(lang, 'alarms.severity')}</th>
              <th>{dt(lang, 'log.rule')}</th>
              <th>{dt(lang, 'alarms.device')}</th>
              <th>{dt(lang, 'log.start')}</th>
              <th>{dt(lang, 'log.cleared')}</th>
              <th>{dt(lang, 'log.peak')}</th>
              <th>{dt(lang, 'log.ack')}</th>
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
