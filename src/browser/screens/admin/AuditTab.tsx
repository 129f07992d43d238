/**
 * The admin screen's audit tab: the audit log newest first (sign-ins, acknowledgements, user and threshold changes),
 * a period in Beijing time (asked of the server, which answers at most AUDIT_LIMIT entries), an action filter over
 * what came back (a column filter, as the dispatcher's tables filter), and the CSV of the same period from the server
 * (its cells defused against spreadsheet formulas there).
 */
import type { ColumnFiltersState } from '@tanstack/react-table';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import type { Lang } from '../../../core/lang';
import { formatDateTime, shanghaiWallToMs } from '../../../core/time/shanghai';
import { useLang } from '../../ui/i18n/lang-context';
import styles from './admin.module.css';
import {
  type AdminOutcome,
  AUDIT_LIMIT,
  type AuditEntry,
  type AuditRange,
  auditCsvUrl,
  fetchAudit,
} from './admin-client';
import { actionLabel, adminTr } from './admin-messages';
import { type AdminColumn, AdminTable, adminColumn } from './admin-table';
import { LoadedList } from './LoadedList';

type AuditRow = Omit<AuditEntry, 'id'> & { id: string };

function ActionCell({ action }: { action: string }) {
  return (
    <span className={styles.action} data-action={action}>
      {actionLabel(useLang(), action)}
    </span>
  );
}

const text = (id: 'actor' | 'target' | 'detail' | 'address', label: AdminColumn<AuditRow>['meta']['label']) =>
  adminColumn<AuditRow>(id, label, {
    accessorFn: (r) => r[id],
    cell: (c) => <span className={styles.cellText}>{c.row.original[id]}</span>,
    sortFn: 'alphanumeric',
  });

const AUDIT_COLUMNS: AdminColumn<AuditRow>[] = [
  adminColumn('time', 'col.time', {
    accessorFn: (r) => r.atMs,
    cell: (c) => <span className="num">{formatDateTime(c.row.original.atMs)}</span>,
    sortFn: 'basic',
  }),
  adminColumn('action', 'col.actionName', {
    accessorFn: (r) => r.action,
    cell: (c) => <ActionCell action={c.row.original.action} />,
    sortFn: 'alphanumeric',
    filterFn: 'equalsString',
  }),
  text('actor', 'col.actor'),
  text('target', 'col.target'),
  text('detail', 'col.detail'),
  text('address', 'col.address'),
];
const NEWEST_FIRST = [{ id: 'time', desc: true }];

/** A `datetime-local` value read as Beijing time (the area's clock, whatever the browser's zone); '' → no bound. */
export function beijingInputToMs(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return shanghaiWallToMs(y, mo, d, h, mi);
}

export function AuditTab({ lang }: { lang: Lang }) {
  const tr = adminTr(lang);
  const [fromInput, setFromInput] = useState('');
  const [toInput, setToInput] = useState('');
  const [range, setRange] = useState<AuditRange>({});
  const [action, setAction] = useState('');
  const [entries, setEntries] = useState<AuditRow[] | null>(null);
  const [problem, setProblem] = useState<Exclude<AdminOutcome<unknown>, { kind: 'ok' }> | null>(null);
  const [badRange, setBadRange] = useState(false);

  const load = useCallback(async (r: AuditRange) => {
    const o = await fetchAudit(r);
    if (o.kind === 'ok') {
      setEntries(o.value.map((e) => ({ ...e, id: String(e.id) })));
      setProblem(null);
    } else setProblem(o);
  }, []);
  useEffect(() => {
    void load(range);
  }, [load, range]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const fromMs = beijingInputToMs(fromInput);
    // The end minute is included: "to 10:05" means up to 10:05:59.
    const toEnd = beijingInputToMs(toInput);
    const toMs = toEnd === undefined ? undefined : toEnd + 60_000;
    if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) return setBadRange(true);
    setBadRange(false);
    setRange({ fromMs, toMs });
  };
  const clear = () => {
    setFromInput('');
    setToInput('');
    setBadRange(false);
    setRange({});
  };

  const actions = useMemo(() => [...new Set((entries ?? []).map((e) => e.action))].sort(), [entries]);
  const columnFilters = useMemo<ColumnFiltersState>(() => (action ? [{ id: 'action', value: action }] : []), [action]);

  return (
    <section className={styles.tab} data-testid="admin-audit">
      <h2 className={styles.heading}>{tr('audit.heading')}</h2>
      <form className={styles.toolbar} onSubmit={apply} data-testid="audit-filter">
        <DateTimeField label={tr('audit.from')} value={fromInput} onValue={setFromInput} testId="audit-from" />
        <DateTimeField label={tr('audit.to')} value={toInput} onValue={setToInput} testId="audit-to" />
        <button type="submit" className={styles.button} data-testid="audit-apply">
          {tr('audit.apply')}
        </button>
        <button type="button" className={styles.smallButton} onClick={clear}>
          {tr('audit.clear')}
        </button>
        <label className={styles.inlineField}>
          {tr('audit.action')}
          <select value={action} onChange={(e) => setAction(e.target.value)} data-testid="audit-action">
            <option value="">{tr('audit.allActions')}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(lang, a)}
              </option>
            ))}
          </select>
        </label>
        <span className={styles.spacer} />
        <a className={styles.linkButton} href={auditCsvUrl(range)} download data-testid="audit-csv">
          {tr('audit.csv')}
        </a>
      </form>
      {badRange ? (
        <p className={styles.problem} role="alert">
          {tr('audit.badRange')}
        </p>
      ) : null}
      <LoadedList lang={lang} list={entries} problem={problem} problemTestId="audit-problem">
        {(rows) =>
          rows.length === 0 ? (
            <p className={styles.muted}>{tr('audit.empty')}</p>
          ) : (
            <AdminTable
              columns={AUDIT_COLUMNS}
              data={rows}
              testId="audit-table"
              ariaLabel={tr('audit.heading')}
              initialSorting={NEWEST_FIRST}
              columnFilters={columnFilters}
              footer={(shown) => (
                <p className={styles.muted} data-testid="audit-count">
                  {tr('audit.count', { shown, total: rows.length })}
                  {rows.length >= AUDIT_LIMIT ? ` · ${tr('audit.limited', { n: AUDIT_LIMIT })}` : ''}
                </p>
              )}
            />
          )
        }
      </LoadedList>
    </section>
  );
}

/** One end of the log's time range: a Beijing-time date and time the browser picks. */
function DateTimeField(props: { label: string; value: string; onValue: (v: string) => void; testId: string }) {
  return (
    <label className={styles.inlineField}>
      {props.label}
      <input
        type="datetime-local"
        value={props.value}
        onChange={(e) => props.onValue(e.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}
