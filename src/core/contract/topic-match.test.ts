import { describe, expect, it } from 'vitest';
import { topicMatches } from './topic-match';

/** The plain definition (split both into levels): the matcher must agree with it everywhere. */
function reference(filter: string, topic: string): boolean {
  if (filter === topic) return true;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const part = f[i];
    if (part === '#') return true;
    if (i >= t.length) return false;
    if (part !== '+' && part !== t[i]) return false;
  }
  return f.length === t.length;
}

describe('topicMatches', () => {
  it('handles exact, + and # filters', () => {
    expect(topicMatches('a/b/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+/c', 'a/b/d')).toBe(false);
    expect(topicMatches('a/#', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+', 'a/b/c')).toBe(false);
    expect(topicMatches('gaozhu/v1/+/+/+/telemetry', 'gaozhu/v1/pv/sc/pv-001/telemetry')).toBe(true);
    expect(topicMatches('gaozhu/v1/+/+/+/telemetry', 'gaozhu/v1/pv/sc/pv-001/status')).toBe(false);
  });

  it('agrees with splitting into levels on empty levels, prefixes and wildcards in every place', () => {
    const levels = ['', 'a', 'b', 'ab', '+', '#'];
    const strings = new Set<string>(['', '/', '//', 'a/b/c', 'gaozhu/v1/pv/sc/pv-001/telemetry']);
    for (const x of levels)
      for (const y of levels) {
        strings.add(`${x}/${y}`);
        strings.add(x);
        for (const z of levels) strings.add(`${x}/${y}/${z}`);
      }
    let matched = 0;
    for (const filter of strings)
      for (const topic of strings) {
        const expected = reference(filter, topic);
        if (expected) matched++;
        expect(topicMatches(filter, topic), `${filter} ~ ${topic}`).toBe(expected);
      }
    expect(matched).toBeGreaterThan(100);
  });
});
