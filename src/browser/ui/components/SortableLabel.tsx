/**
 * A table column's header label that sorts when the column can: a button with the direction glyph, or the label alone.
 * Shared by the dispatcher's device grid and the admin tables, each with its own look (the class names).
 */
import type { ReactNode } from 'react';

export type SortDirection = false | 'asc' | 'desc';

/** The header cell's `aria-sort` for a column's sort direction. */
export function ariaSortOf(sorted: SortDirection): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

/** What the label needs of a table column (a react-table column has it). */
interface SortableColumn {
  id: string;
  getCanSort(): boolean;
  getIsSorted(): SortDirection;
  getToggleSortingHandler(): ((event: unknown) => void) | undefined;
}

interface Props {
  column: SortableColumn;
  /** The table's test id: the button's is `<table>-sort-<column>`. */
  tableTestId: string;
  /** The screen's look: its CSS module's `sortButton` and `sortGlyph`. */
  classes: { sortButton?: string; sortGlyph?: string };
  children: ReactNode;
}

export function SortableLabel({ column, tableTestId, classes, children }: Props) {
  if (!column.getCanSort()) return <>{children}</>;
  const sorted = column.getIsSorted();
  return (
    <button
      type="button"
      className={classes.sortButton}
      onClick={column.getToggleSortingHandler()}
      data-testid={`${tableTestId}-sort-${column.id}`}
    >
      {children}
      <span className={classes.sortGlyph} aria-hidden>
        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
      </span>
    </button>
  );
}
