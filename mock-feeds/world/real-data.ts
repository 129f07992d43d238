/**
 * Where the real measured series live (see /work/shared/data/real/*\/README.md). They are test and replay inputs only:
 * the product never ships them, so this resolves them at run time and fails with a message that says how to point at
 * them when they are missing.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const REAL_DATA_ENV = 'GAOZHU_REAL_DATA_DIR';

export const REAL_FILES = {
  pv: 'sgcc-pv-site1/solar_station_site1_50MW_2019_15min.csv',
  load: 'cn-regional-load-2016dgb/area1_area2_load_2014_15min.csv',
  evSessions: 'ev-trondheim-sessions/ev_charging_reports.csv',
} as const;

export function realDataDir(): string {
  return resolve(process.env[REAL_DATA_ENV] || join(repoRoot, '..', 'shared', 'data', 'real'));
}

/** Absolute path of a real-data file; throws naming the missing file and the env variable that relocates the set. */
export function requireRealFile(rel: string): string {
  const path = join(realDataDir(), rel);
  if (!existsSync(path)) {
    throw new Error(
      `real data file missing: ${path}. Point ${REAL_DATA_ENV} at the directory holding ${rel} ` +
        `(default: ../shared/data/real beside the repository).`,
    );
  }
  return path;
}
