/**
 * The admin screen's thresholds tab: the thresholds the live service applies now (with units), a form to change them
 * (checked here with the area schema's own thresholds schema before sending; the server checks again and its answer is
 * shown), a note, and every version with who, when and why, each revertible. The live service applies a change at
 * once; nothing here restarts anything.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { type Thresholds, thresholdsSchema } from '../../../../core/config/area-schema';
import type { ThresholdsList } from '../../../../core/contract/thresholds-api';
import type { Lang } from '../../../../core/lang';
import { formatDateTime } from '../../../../core/time/shanghai';
import adminStyles from '../admin.module.css';
import styles from './thresholds.module.css';
import { fetchThresholds, putThresholds, revertThresholds, type ThresholdsOutcome } from './thresholds-client';
import { type ThresholdsMessageId, thresholdsTr } from './thresholds-messages';

type Field = keyof Thresholds;
const FIELDS: readonly { key: Field; label: ThresholdsMessageId; unit: ThresholdsMessageId; step: string }[] = [
  { key: 'heavyLoadingPct', label: 'field.heavyLoadingPct', unit: 'unit.pct', step: 'any' },
  { key: 'overloadLoadingPct', label: 'field.overloadLoadingPct', unit: 'unit.pct', step: 'any' },
  { key: 'voltageDeviationPct', label: 'field.voltageDeviationPct', unit: 'unit.pct', step: 'any' },
  { key: 'frequencyNominalHz', label: 'field.frequencyNominalHz', unit: 'unit.hz', step: 'any' },
  { key: 'frequencyTolerationHz', label: 'field.frequencyTolerationHz', unit: 'unit.hz', step: 'any' },
  { key: 'staleAfterMissedIntervals', label: 'field.staleAfterMissedIntervals', unit: 'unit.intervals', step: '1' },
  { key: 'holdLastGoodS', label: 'field.holdLastGoodS', unit: 'unit.s', step: 'any' },
];

/** The versions table's columns, by their heading (then the revert button's, unheaded). */
const VERSION_COLUMNS: readonly ThresholdsMessageId[] = ['col.version', 'col.by', 'col.at', 'col.note', 'col.values'];

type Draft = Record<Field, string>;
const toDraft = (t: Thresholds): Draft => Object.fromEntries(FIELDS.map(({ key }) => [key, String(t[key])])) as Draft;

/** An empty or non-numeric entry stays a string, so the schema names it ("expected number") instead of it being 0. */
const fromDraft = (d: Draft): Record<Field, unknown> =>
  Object.fromEntries(
    FIELDS.map(({ key }) => {
      const raw = d[key].trim();
      const n = raw === '' ? Number.NaN : Number(raw);
      return [key, Number.isFinite(n) ? n : raw];
    }),
  ) as Record<Field, unknown>;

/** Kept as data, not text, so a change of language re-words it. */
type Message =
  | { tone: 'ok'; id: 'saved' | 'reverted'; version: number; from?: number }
  | { tone: 'problem'; outcome: Exclude<ThresholdsOutcome<unknown>, { kind: 'ok' }> };

export function ThresholdsTab({ lang }: { lang: Lang }) {
  const tr = thresholdsTr(lang);
  const [list, setList] = useState<ThresholdsList | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [note, setNote] = useState('');
  const [fieldProblems, setFieldProblems] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  const fieldName = (field: string) => {
    const key = field.replace(/^thresholds\./, '');
    const known = FIELDS.find((f) => f.key === key);
    return known ? tr(known.label) : field;
  };
  const problemOf = <T,>(o: Exclude<ThresholdsOutcome<T>, { kind: 'ok' }>): string =>
    o.kind === 'invalid'
      ? tr('invalid', { field: fieldName(o.field), problem: o.problem })
      : o.kind === 'denied'
        ? tr('denied')
        : o.kind === 'rejected'
          ? tr('rejected', { status: o.status, detail: o.detail })
          : tr('unreachable', { detail: o.detail });

  const load = useCallback(async () => {
    const o = await fetchThresholds();
    if (o.kind === 'ok') {
      setList(o.value);
      setDraft(toDraft(o.value.current.thresholds));
    } else setMessage({ tone: 'problem', outcome: o });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || busy) return;
    const parsed = thresholdsSchema.safeParse(fromDraft(draft));
    if (!parsed.success) {
      const problems: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as Field | undefined;
        if (key && !problems[key]) problems[key] = issue.message;
      }
      setFieldProblems(problems);
      setMessage(null);
      return;
    }
    setFieldProblems({});
    setBusy(true);
    const o = await putThresholds(parsed.data, note.trim());
    setBusy(false);
    if (o.kind === 'ok') {
      setNote('');
      setMessage({ tone: 'ok', id: 'saved', version: o.value.version });
      await load();
      return;
    }
    if (o.kind === 'invalid') {
      const key = o.field.replace(/^thresholds\./, '') as Field;
      if (FIELDS.some((f) => f.key === key)) setFieldProblems({ [key]: o.problem });
    }
    setMessage({ tone: 'problem', outcome: o });
  };

  const revert = async (version: number) => {
    if (busy) return;
    setBusy(true);
    const o = await revertThresholds(version, note.trim());
    setBusy(false);
    if (o.kind === 'ok') {
      setNote('');
      setMessage({ tone: 'ok', id: 'reverted', version: o.value.version, from: version });
      await load();
      return;
    }
    setMessage({ tone: 'problem', outcome: o });
  };

  return (
    <section className={styles.tab} data-testid="thresholds-tab">
      <h2 className={styles.title}>{tr('title')}</h2>
      <p className={styles.subtitle}>{tr('subtitle')}</p>
      {message ? (
        <p
          className={message.tone === 'ok' ? adminStyles.ok : adminStyles.problem}
          role={message.tone === 'ok' ? 'status' : 'alert'}
          data-testid="thresholds-message"
        >
          {message.tone === 'ok'
            ? tr(message.id, { version: message.version, from: message.from ?? '' })
            : problemOf(message.outcome)}
        </p>
      ) : null}
      {!list || !draft ? (
        <p className={styles.subtitle}>{tr('loading')}</p>
      ) : (
        <>
          <form className={styles.form} onSubmit={submit} noValidate data-testid="thresholds-form">
            <h3 className={styles.heading} data-testid="thresholds-current-version">
              {tr('current', { version: list.current.version })}
            </h3>
            <div className={styles.fields}>
              {FIELDS.map(({ key, label, unit, step }) => (
                <label key={key} className={styles.field}>
                  <span>{tr(label)}</span>
                  <span className={styles.inputRow}>
                    <input
                      type="number"
                      inputMode="decimal"
                      step={step}
                      name={key}
                      value={draft[key]}
                      aria-invalid={fieldProblems[key] ? true : undefined}
                      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                      data-testid={`thresholds-input-${key}`}
                    />
                    <span className={styles.unit}>{tr(unit)}</span>
                  </span>
                  <span className={styles.now}>
                    {String(list.current.thresholds[key])} {tr(unit)}
                  </span>
                  {fieldProblems[key] ? (
                    <span className={adminStyles.fieldProblem} data-testid={`thresholds-problem-${key}`}>
                      {fieldProblems[key]}
                    </span>
                  ) : null}
                </label>
              ))}
            </div>
            <label className={styles.field}>
              <span>{tr('note')}</span>
              <input
                maxLength={500}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                data-testid="thresholds-note"
              />
            </label>
            <button type="submit" className={styles.submit} disabled={busy} data-testid="thresholds-save">
              {busy ? tr('saving') : tr('save')}
            </button>
          </form>
          <h3 className={styles.heading}>{tr('versions')}</h3>
          <table className={styles.versions} data-testid="thresholds-versions">
            <thead>
              <tr>
                {VERSION_COLUMNS.map((id) => (
                  <th key={id}>{tr(id)}</th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {list.versions.map((v) => (
                <tr key={v.version} data-testid={`thresholds-version-${v.version}`}>
                  <td>v{v.version}</td>
                  <td>{v.version === 0 ? tr('areaJson') : v.by}</td>
                  <td>{formatDateTime(v.atMs, lang)}</td>
                  <td>
                    {v.note}
                    {v.revertedFrom !== undefined ? (
                      <span className={styles.unit}> ({tr('revertOf', { from: v.revertedFrom })})</span>
                    ) : null}
                  </td>
                  <td className={styles.values}>
                    {v.thresholds.heavyLoadingPct} / {v.thresholds.overloadLoadingPct} % · ±
                    {v.thresholds.voltageDeviationPct} % · {v.thresholds.frequencyNominalHz}±
                    {v.thresholds.frequencyTolerationHz} Hz · {v.thresholds.staleAfterMissedIntervals} ·{' '}
                    {v.thresholds.holdLastGoodS} s
                  </td>
                  <td>
                    {v.version !== list.current.version ? (
                      <button
                        type="button"
                        className={styles.secondary}
                        disabled={busy}
                        onClick={() => void revert(v.version)}
                        data-testid={`thresholds-revert-${v.version}`}
                      >
                        {tr('revert')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
