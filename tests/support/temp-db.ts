import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A history database file of its own in a fresh temporary folder (`prefix` names the test in the folder's name). */
export function tempHistoryDbPath(prefix: string): string {
  return join(mkdtempSync(join(tmpdir(), prefix)), 'history.sqlite');
}
