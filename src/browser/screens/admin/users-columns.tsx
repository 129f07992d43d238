/**
 * The users table's columns: name (with "you" for the signed-in administrator), role in words, created, and the
 * per-row reset and remove buttons, which reach the tab through RowActionsContext (stable cells, no closures per row).
 */
import { createContext, useContext } from 'react';
import type { ROLE_NAMES, UserSummary } from '../../../core/contract/users-api';
import { formatDateTime } from '../../../core/time/shanghai';
import { useLang } from '../../ui/i18n/lang-context';
import styles from './admin.module.css';
import { adminTr } from './admin-messages';
import { type AdminColumn, adminColumn } from './admin-table';

export type Role = (typeof ROLE_NAMES)[number];
export type UserRow = UserSummary & { id: string };

/** What the row's cells need from the tab: who is signed in and what a click starts. Stable per tab. */
export interface RowActions {
  me: string | null;
  busy: boolean;
  askRemove: (name: string) => void;
  askReset: (name: string) => void;
}
export const RowActionsContext = createContext<RowActions>({
  me: null,
  busy: false,
  askRemove: () => {},
  askReset: () => {},
});

function NameCell({ name }: { name: string }) {
  const { me } = useContext(RowActionsContext);
  const tr = adminTr(useLang());
  return (
    <span>
      {name}
      {name === me ? <span className={styles.muted}> {tr('you')}</span> : null}
    </span>
  );
}

function RoleCell({ role }: { role: Role }) {
  return (
    <span className={styles.role} data-role={role}>
      {adminTr(useLang())(`role.${role}`)}
    </span>
  );
}

function ActionsCell({ name }: { name: string }) {
  const { busy, askRemove, askReset } = useContext(RowActionsContext);
  const tr = adminTr(useLang());
  return (
    <span className={styles.rowActions}>
      <button
        type="button"
        className={styles.smallButton}
        disabled={busy}
        onClick={() => askReset(name)}
        data-testid="user-reset"
      >
        {tr('reset')}
      </button>
      <button
        type="button"
        className={`${styles.smallButton} ${styles.danger}`}
        disabled={busy}
        onClick={() => askRemove(name)}
        data-testid="user-remove"
      >
        {tr('remove')}
      </button>
    </span>
  );
}

export const USER_COLUMNS: AdminColumn<UserRow>[] = [
  adminColumn('name', 'col.name', {
    accessorFn: (r) => r.name,
    cell: (c) => <NameCell name={c.row.original.name} />,
    sortFn: 'alphanumeric',
  }),
  adminColumn('role', 'col.role', {
    accessorFn: (r) => r.role,
    cell: (c) => <RoleCell role={c.row.original.role} />,
    sortFn: 'alphanumeric',
  }),
  adminColumn('created', 'col.created', {
    accessorFn: (r) => r.createdMs,
    cell: (c) => <span className="num">{formatDateTime(c.row.original.createdMs)}</span>,
    sortFn: 'basic',
  }),
  adminColumn('actions', 'col.actions', {
    cell: (c) => <ActionsCell name={c.row.original.name} />,
    enableSorting: false,
  }),
];
export const BY_NAME = [{ id: 'name', desc: false }];
