/**
 * What every TanStack table of the app (the dispatcher's device grid, the admin tables) registers alike: the sort and
 * filter functions its column definitions name (`sortFn: 'alphanumeric'`, `filterFn: 'equalsString'`), so a name means
 * one rule in every table, and rows keyed by their own id. Each table keeps its own feature set and row models.
 */
import { filterFn_equalsString, sortFn_alphanumeric, sortFn_basic } from '@tanstack/react-table';

/** A feature set's `sortFns`: the sort functions a column may name. */
export const TABLE_SORT_FNS = { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic };

/** A feature set's `filterFns`: the filter functions a column may name. */
export const TABLE_FILTER_FNS = { equalsString: filterFn_equalsString };

/** A table's `getRowId`: every row carries a stable id (a device id, a user name, an audit entry's number). */
export const rowIdOf = (row: { id: string }) => row.id;
