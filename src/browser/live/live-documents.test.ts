import { describe, expect, it } from 'vitest';
import { liveTopics, MAX_LIVE_PAYLOAD_BYTES } from '../../core/contract/live-core-terms';
import { reliabilityTopics } from '../../core/contract/reliability-terms';
import { SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import { MAX_ALARMS_PAYLOAD_BYTES } from './live-alarms-store';
import { encode, liveFigures, liveStatus } from './live-core-fixture';
import { judgeLiveMessage } from './live-documents';
import { rejectionLine } from './live-payload';
import { liveReliability } from './reliability-fixture';

const bytes = (s: string) => new TextEncoder().encode(s);
const T = Date.UTC(2026, 11, 4, 2);
/** What a store's diagnostics would say of a message: its document's kind, or the refusal in words. */
const verdict = (topic: string, payload: Uint8Array) => {
  const j = judgeLiveMessage(topic, payload);
  return j.ok ? j.doc.kind : rejectionLine(j);
};

describe('judging a live message in the page worker', () => {
  it("names each topic's document and carries it typed, with its size", () => {
    const status = liveStatus();
    const j = judgeLiveMessage(liveTopics.status, encode(status));
    expect(j).toEqual({ ok: true, doc: { kind: 'status', data: status }, bytes: encode(status).byteLength });
    expect(verdict(liveTopics.figures('sc'), encode(liveFigures({ scope: 'sc' })))).toBe('figures');
    expect(verdict(liveTopics.alarmsPublic, encode({ ts: T, alarms: [] }))).toBe('alarms-public');
    expect(verdict(liveTopics.alarmsDispatch, encode({ ts: T, alarms: [] }))).toBe('alarms-dispatch');
    expect(verdict(reliabilityTopics.indicators('cq'), encode(liveReliability({ scope: 'cq' })))).toBe('indicators');
    expect(verdict(SIM_CLOCK_TOPIC, encode({ wallMs: T, worldMs: T, speed: 10 }))).toBe('sim-clock');
  });

  it('takes an empty retained message as a cleared topic', () => {
    expect(judgeLiveMessage(liveTopics.substation('sub-1'), new Uint8Array())).toEqual({
      ok: true,
      doc: { kind: 'cleared' },
      bytes: 0,
    });
  });

  it('says why it refuses one, in the words of the diagnostics', () => {
    expect(verdict(liveTopics.status, bytes('{"ts":'))).toMatch(/^not JSON: /);
    expect(verdict(liveTopics.status, encode({ ...liveStatus(), ts: 'soon' }))).toMatch(/^schema: ts: /);
    // A document for another scope, substation or province than its topic names is not the topic's.
    expect(verdict(liveTopics.figures('sc'), encode(liveFigures({ scope: 'cq' })))).toBe('schema: scope cq on sc');
    expect(verdict('gaozhu/v1/live/figures/xx', encode(liveFigures()))).toBe('bad topic: xx');
    expect(verdict('gaozhu/v1/live/elsewhere', encode({}))).toBe('bad topic: gaozhu/v1/live/elsewhere');
  });

  it('bounds a message before parsing it: the dispatchers’ alarm list may be larger than any other document', () => {
    const big = new Uint8Array(MAX_LIVE_PAYLOAD_BYTES + 1);
    expect(verdict(liveTopics.status, big)).toBe(`too large: ${MAX_LIVE_PAYLOAD_BYTES + 1} B`);
    // Within the alarm list's own bound the same size is parsed (and is not JSON: zero bytes).
    expect(verdict(liveTopics.alarmsDispatch, big)).toMatch(/^not JSON: /);
    expect(MAX_ALARMS_PAYLOAD_BYTES).toBeGreaterThan(MAX_LIVE_PAYLOAD_BYTES);
  });
});
