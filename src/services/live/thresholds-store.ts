/**
 * The versioned thresholds the live service applies: version 0 is area.json's, every administrator's change or revert
 * is version N+1 with who, when and why; the newest applies. Kept in a JSON file of its own (not the state file: that
 * is today's registers and alarms, which may be thrown away; an administrator's decision may not), written to a
 * temporary file and renamed, so a crash mid-write never loses or tears it. Version 0 is never stored: it is read from
 * area.json on every start, so it always says what the file says.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Thresholds } from '../../core/config/area-schema';
import {
  type ThresholdsList,
  type ThresholdsVersion,
  thresholdsVersionSchema,
} from '../../core/contract/thresholds-api';

const fileSchema = z.object({ versions: z.array(thresholdsVersionSchema) });

/** Who version 0 is attributed to. */
export const AREA_JSON_AUTHOR = 'area.json';

export class ThresholdsFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`thresholds file ${file}: ${problem} (fix or remove it; removing goes back to area.json's thresholds)`);
    this.name = 'ThresholdsFileError';
  }
}

export class ThresholdsStore {
  /** Oldest first; [0] is area.json's. */
  private readonly versions: ThresholdsVersion[];

  /**
   * @param file where the versions are kept; null = not kept (tests, a service without a data dir)
   * @param areaThresholds area.json's, version 0
   * @param startedAtMs when version 0 is said to be from (the service's start)
   * @throws ThresholdsFileError when the file exists but is not a valid versions file: the service must not start on
   *   area.json's thresholds when an administrator's newer ones are there but unreadable.
   */
  constructor(
    private readonly file: string | null,
    areaThresholds: Thresholds,
    startedAtMs: number,
  ) {
    this.versions = [{ version: 0, thresholds: areaThresholds, by: AREA_JSON_AUTHOR, atMs: startedAtMs, note: '' }];
    for (const v of file ? readVersions(file) : []) if (v.version > 0) this.versions.push(v);
    this.versions.sort((a, b) => a.version - b.version);
  }

  current(): ThresholdsVersion {
    return this.versions[this.versions.length - 1] as ThresholdsVersion;
  }

  list(): ThresholdsList {
    return { current: this.current(), versions: [...this.versions].reverse() };
  }

  /** A new version with these thresholds (already checked by the caller with thresholdsSchema). */
  change(thresholds: Thresholds, by: string, note: string, atMs: number): ThresholdsVersion {
    return this.add({ version: this.current().version + 1, thresholds, by, atMs: Math.round(atMs), note });
  }

  /** A new version equal to an old one; null when no version has that number. */
  revert(version: number, by: string, note: string, atMs: number): ThresholdsVersion | null {
    const old = this.versions.find((v) => v.version === version);
    if (!old) return null;
    return this.add({
      version: this.current().version + 1,
      thresholds: old.thresholds,
      by,
      atMs: Math.round(atMs),
      note,
      revertedFrom: version,
    });
  }

  /** Saved before it counts: a version the file does not hold is never applied (a failed write throws). */
  private add(v: ThresholdsVersion): ThresholdsVersion {
    if (this.file) writeVersions(this.file, [...this.versions.slice(1), v]);
    this.versions.push(v);
    return v;
  }
}

function readVersions(file: string): ThresholdsVersion[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []; // none changed yet
    throw new ThresholdsFileError(file, (e as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new ThresholdsFileError(file, `not JSON: ${(e as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ThresholdsFileError(file, `field "${issue?.path.join('.')}": ${issue?.message}`);
  }
  return parsed.data.versions;
}

function writeVersions(file: string, versions: ThresholdsVersion[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ versions }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
