/**
 * The admin screen's users tab: every user (name, role, created), a form to add one, and per user a removal asked for
 * twice and a password reset. The name and password rules are checked here with the server's own (core users-api)
 * before sending, and the server's answer is shown as it says it (a taken name, the last administrator, oneself).
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import {
  type CredentialProblem,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  ROLE_NAMES,
  USER_NAME_MAX,
  userNameProblem,
} from '../../../core/contract/users-api';
import type { Lang } from '../../../core/lang';
import { useSession } from '../../live/session';
import styles from './admin.module.css';
import { type AdminOutcome, addUser, fetchUsers, removeUser, resetPassword } from './admin-client';
import { adminTr } from './admin-messages';
import { AdminTable } from './admin-table';
import { LoadedList } from './LoadedList';
import { BY_NAME, type Role, RowActionsContext, USER_COLUMNS, type UserRow } from './users-columns';
import { type Notice, noticeText, problemText } from './users-notice';

type Pending = { kind: 'remove' | 'reset'; name: string } | null;

export function UsersTab({ lang }: { lang: Lang }) {
  const tr = adminTr(lang);
  const session = useSession();
  const me = session.kind === 'signed-in' ? session.user.name : null;
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<Exclude<AdminOutcome<unknown>, { kind: 'ok' }> | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending>(null);

  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('dispatcher');
  const [password, setPassword] = useState('');
  const [addProblems, setAddProblems] = useState<Partial<Record<'name' | 'password', CredentialProblem>>>({});
  const [newPassword, setNewPassword] = useState('');
  const [resetProblem, setResetProblem] = useState<CredentialProblem | null>(null);

  const load = useCallback(async () => {
    const o = await fetchUsers();
    if (o.kind === 'ok') {
      setUsers(o.value.map((u) => ({ ...u, id: u.name })));
      setLoadProblem(null);
    } else setLoadProblem(o);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const askRemove = useCallback((n: string) => {
    setNotice(null);
    setPending({ kind: 'remove', name: n });
  }, []);
  const askReset = useCallback((n: string) => {
    setNotice(null);
    setNewPassword('');
    setResetProblem(null);
    setPending({ kind: 'reset', name: n });
  }, []);

  const submitAdd = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const problems = {
      ...(userNameProblem(trimmed) ? { name: userNameProblem(trimmed)! } : {}),
      ...(passwordProblem(password) ? { password: passwordProblem(password)! } : {}),
    };
    setAddProblems(problems);
    setNotice(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    const o = await addUser(trimmed, role, password);
    setBusy(false);
    if (o.kind === 'ok') {
      setName('');
      setPassword('');
      setNotice({ tone: 'ok', id: 'add.done', name: o.value.name, role: o.value.role });
      await load();
    } else {
      if (o.kind === 'invalid' && o.problem && (o.field === 'name' || o.field === 'password'))
        setAddProblems({ [o.field]: o.problem });
      setNotice({ tone: 'problem', outcome: o, name: trimmed });
    }
  };

  const confirmRemove = async (n: string) => {
    setBusy(true);
    const o = await removeUser(n);
    setBusy(false);
    setPending(null);
    setNotice(o.kind === 'ok' ? { tone: 'ok', id: 'remove.done', name: n } : { tone: 'problem', outcome: o, name: n });
    await load();
  };

  const submitReset = async (e: FormEvent, n: string) => {
    e.preventDefault();
    if (busy) return;
    const problem = passwordProblem(newPassword);
    setResetProblem(problem);
    if (problem) return;
    setBusy(true);
    const o = await resetPassword(n, newPassword);
    setBusy(false);
    setNewPassword('');
    if (o.kind === 'ok') {
      setPending(null);
      // One's own password reset ends one's own session too: the sign-in page, coming back here.
      if (n === me) {
        window.location.assign(
          `/signin?${new URLSearchParams({ next: '/admin?tab=users', ...(lang === 'en' ? { lang } : {}) })}`,
        );
        return;
      }
      setNotice({ tone: 'ok', id: 'reset.done', name: n });
    } else setNotice({ tone: 'problem', outcome: o, name: n });
  };

  return (
    <RowActionsContext.Provider value={{ me, busy, askRemove, askReset }}>
      <section className={styles.tab} data-testid="admin-users">
        <div className={styles.split}>
          <div className={styles.grow}>
            <h2 className={styles.heading}>{tr('users.heading')}</h2>
            <LoadedList lang={lang} list={users} problem={loadProblem} problemTestId="users-load-problem">
              {(rows) => (
                <AdminTable
                  columns={USER_COLUMNS}
                  data={rows}
                  testId="users-table"
                  ariaLabel={tr('users.heading')}
                  initialSorting={BY_NAME}
                  footer={() => <p className={styles.muted}>{tr('users.count', { n: rows.length })}</p>}
                />
              )}
            </LoadedList>
            {notice ? (
              <p
                className={notice.tone === 'ok' ? styles.ok : styles.problem}
                role={notice.tone === 'ok' ? 'status' : 'alert'}
                data-testid="users-notice"
              >
                {noticeText(lang, notice)}
              </p>
            ) : null}
            {pending?.kind === 'remove' ? (
              <div className={styles.confirm} role="alertdialog" aria-label={tr('remove')} data-testid="remove-confirm">
                <span>{tr('remove.confirm', { name: pending.name })}</span>
                <button
                  type="button"
                  className={`${styles.button} ${styles.danger}`}
                  disabled={busy}
                  onClick={() => void confirmRemove(pending.name)}
                  data-testid="remove-yes"
                >
                  {busy ? tr('busy') : tr('remove.yes')}
                </button>
                <button type="button" className={styles.smallButton} onClick={() => setPending(null)}>
                  {tr('cancel')}
                </button>
              </div>
            ) : null}
            {pending?.kind === 'reset' ? (
              <form
                className={styles.confirm}
                onSubmit={(e) => void submitReset(e, pending.name)}
                data-testid="reset-form"
                noValidate
              >
                <strong>{tr('reset.heading', { name: pending.name })}</strong>
                <label className={styles.inlineField}>
                  {tr('reset.password')}
                  <input
                    type="password"
                    autoComplete="new-password"
                    value={newPassword}
                    onChange={(e) => setNewPassword(e.target.value)}
                    aria-invalid={resetProblem ? true : undefined}
                    data-testid="reset-password"
                  />
                </label>
                <button type="submit" className={styles.button} disabled={busy} data-testid="reset-submit">
                  {busy ? tr('busy') : tr('reset.submit')}
                </button>
                <button type="button" className={styles.smallButton} onClick={() => setPending(null)}>
                  {tr('cancel')}
                </button>
                {pending.name === me ? <span className={styles.muted}>{tr('reset.self')}</span> : null}
                {resetProblem ? (
                  <span className={styles.problem} role="alert">
                    {problemText(lang, resetProblem)}
                  </span>
                ) : null}
              </form>
            ) : null}
          </div>

          <form className={styles.form} onSubmit={submitAdd} data-testid="add-user" noValidate>
            <h2 className={styles.heading}>{tr('add.heading')}</h2>
            <label className={styles.field}>
              {tr('add.name')}
              <input
                name="new-user-name"
                autoComplete="off"
                maxLength={USER_NAME_MAX}
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={addProblems.name ? true : undefined}
                data-testid="add-name"
              />
              {addProblems.name ? (
                <span className={styles.fieldProblem}>{problemText(lang, addProblems.name)}</span>
              ) : null}
            </label>
            <label className={styles.field}>
              {tr('add.role')}
              <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="add-role">
                {ROLE_NAMES.map((r) => (
                  <option key={r} value={r}>
                    {tr(`role.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className={styles.field}>
              {tr('add.password')}
              <input
                name="new-user-password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={addProblems.password ? true : undefined}
                data-testid="add-password"
              />
              <span className={addProblems.password ? styles.fieldProblem : styles.muted}>
                {addProblems.password
                  ? problemText(lang, addProblems.password)
                  : tr('add.passwordHint', { n: MIN_PASSWORD_LENGTH })}
              </span>
            </label>
            <button type="submit" className={styles.button} disabled={busy} data-testid="add-submit">
              {busy ? tr('busy') : tr('add.submit')}
            </button>
          </form>
        </div>
      </section>
    </RowActionsContext.Provider>
  );
}
