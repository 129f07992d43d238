import { describe, expect, it } from 'vitest';
import { topicMatches } from './topic-match';

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
});
