import { describe, expect, it } from 'vitest';
import { AREA_CONFIG_URL, areaConfigUrl } from './load-config';

describe('areaConfigUrl', () => {
  it('defaults to the area file and accepts only same-origin files under /config/', () => {
    expect(areaConfigUrl('')).toBe(AREA_CONFIG_URL);
    expect(areaConfigUrl('?area=/config/area-10k.json')).toBe('/config/area-10k.json');
    for (const bad of ['//evil.example/x.json', '/config/../secrets.json', 'https://x/config/a.json', '/config/a.js'])
      expect(areaConfigUrl(`?area=${encodeURIComponent(bad)}`)).toBe(AREA_CONFIG_URL);
  });
});
