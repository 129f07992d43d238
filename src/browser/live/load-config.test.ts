import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAreaConfig } from '../../core/config/area-schema';
import { AREA_CONFIG_URL, areaConfigUrl, loadAreaConfig, loadRuntimeConfig } from './load-config';

const AREA_TEXT = readFileSync('public/config/area.json', 'utf8');

/** Every fetch answered with `text` (200). */
function serving(text: string) {
  vi.stubGlobal('fetch', async () => new Response(text, { status: 200 }));
}

/** The message a promise rejects with, or 'resolved'. */
async function messageOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'resolved',
    (e: Error) => e.message,
  );
}

/** What parseAreaConfig (the feeds and services, in Node) says of the same text. */
function nodeMessage(text: string): string {
  try {
    parseAreaConfig(text, AREA_CONFIG_URL);
  } catch (e) {
    return (e as Error).message;
  }
  return 'resolved';
}

afterEach(() => vi.unstubAllGlobals());

describe('areaConfigUrl', () => {
  it('defaults to the area file and accepts only same-origin files under /config/', () => {
    expect(areaConfigUrl('')).toBe(AREA_CONFIG_URL);
    expect(areaConfigUrl('?area=/config/area-10k.json')).toBe('/config/area-10k.json');
    for (const bad of ['//evil.example/x.json', '/config/../secrets.json', 'https://x/config/a.json', '/config/a.js'])
      expect(areaConfigUrl(`?area=${encodeURIComponent(bad)}`)).toBe(AREA_CONFIG_URL);
  });
});

describe('loadAreaConfig', () => {
  it('gives the checked area configuration', async () => {
    serving(AREA_TEXT);
    expect(await loadAreaConfig()).toEqual(parseAreaConfig(AREA_TEXT, AREA_CONFIG_URL));
  });

  it('names the file, the field and the problem in the same words as parseAreaConfig', async () => {
    const area = JSON.parse(AREA_TEXT);
    area.thresholds.overloadLoadingPct = area.thresholds.heavyLoadingPct;
    const texts = ['{"version": 1,', 'null', JSON.stringify({ ...area, version: 2 }), JSON.stringify(area)];
    for (const text of texts) {
      serving(text);
      const message = await messageOf(loadAreaConfig());
      expect(message).toMatch(/^Invalid area configuration \/config\/area\.json: field "/);
      expect(message).toBe(nodeMessage(text));
    }
  });
});

describe('loadRuntimeConfig', () => {
  it("asks for the role's file and fills in the defaults", async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      const cfg = { mqttUrl: '', mqttWsPort: 9001, mqttWsPath: '/mqtt', mqttUsername: 'wall', mqttPassword: 'x' };
      return Response.json({ ...cfg, historyBaseUrl: '/api' });
    });
    expect((await loadRuntimeConfig()).dispatchScope).toBe('area');
    expect(asked).toEqual(['/config/runtime.json?role=public']);
  });

  it('names the field against the schema', async () => {
    serving(JSON.stringify({ mqttUrl: '' }));
    expect(await messageOf(loadRuntimeConfig('dispatcher'))).toMatch(
      /^Invalid area configuration \/config\/runtime\.json: field "mqttWsPort": /,
    );
  });
});
