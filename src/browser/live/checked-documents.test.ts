import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areaConfigSchema } from '../../core/config/area-schema';
import { seriesResponseSchema } from '../../core/contract/history-api';
import { SERIES_ANSWER } from '../history/series-answer-fixture';
import { checkDocumentText, type DocumentKind } from './checked-documents';

const AREA_TEXT = readFileSync('public/config/area.json', 'utf8');
const series = SERIES_ANSWER;

/** The parser's own words for a text it refuses, as the main thread's JSON.parse said them before the worker. */
function parserMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} parses`);
}

describe('checkDocumentText', () => {
  it("parses and checks a document of its kind, and gives the schema's output (defaults filled in)", () => {
    expect(checkDocumentText('series', JSON.stringify(series))).toEqual({ ok: true, data: series });
    const runtime = { mqttUrl: '', mqttWsPort: 9001, mqttWsPath: '/mqtt', mqttUsername: 'wall', mqttPassword: 'x' };
    const checked = checkDocumentText('runtimeConfig', JSON.stringify({ ...runtime, historyBaseUrl: '/api' }));
    expect(checked.ok && checked.data.dispatchScope).toBe('area');
    const area = checkDocumentText('areaConfig', AREA_TEXT);
    expect(area).toEqual({ ok: true, data: areaConfigSchema.parse(JSON.parse(AREA_TEXT)) });
  });

  it("says a text that is not JSON is not, in the parser's words (an empty body too)", () => {
    for (const text of ['', '<html>', '{"metric":'])
      expect(checkDocumentText('series', text)).toEqual({
        ok: false,
        problem: 'not-json',
        message: parserMessage(text),
      });
  });

  it("names the first issue as zod does: its dotted path ('' at the root) and zod's words", () => {
    const bad = { ...series, points: [[0, 'x']] };
    const zod = seriesResponseSchema.safeParse(bad).error!.issues[0]!;
    expect(checkDocumentText('series', JSON.stringify(bad))).toEqual({
      ok: false,
      problem: 'contract',
      path: 'points.0.1',
      message: zod.message,
    });
    const root = checkDocumentText('health', 'null');
    expect(root).toMatchObject({ ok: false, problem: 'contract', path: '' });
  });

  it("finds the configuration's cross-field problems where parseAreaConfig does", () => {
    const area = JSON.parse(AREA_TEXT);
    area.thresholds.overloadLoadingPct = area.thresholds.heavyLoadingPct;
    expect(checkDocumentText('areaConfig', JSON.stringify(area))).toEqual({
      ok: false,
      problem: 'contract',
      path: 'thresholds.overloadLoadingPct',
      message: 'must be above heavyLoadingPct',
    });
  });

  it('answers for a kind it does not know instead of throwing (the worker must answer every request)', () => {
    const checked = checkDocumentText('no-such-kind' as DocumentKind, '{}');
    expect(checked).toMatchObject({ ok: false, problem: 'unchecked' });
  });
});
