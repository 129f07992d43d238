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

interface Props {
  canSort: boolean;
  sorted: SortDirection;
  onToggle: ((event: unknown) => void) | undefined;
  testId: string;
  buttonClassName: string | undefined;
  glyphClassName: string | undefined;
  children: ReactNode;
}

export function SortableLabel({ canSort, sorted, onToggle, testId, buttonClassName, glyphClassName, children }: Props) {
  if (!canSort) return <>{children}</>;
  return (
    <button type="button" className={buttonClassName} onClick={onToggle} data-testid={testId}>
      {children}
      <span className={glyphClassName} aria-hidden>
        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
      </span>
    </button>
  );
}
