import { describe, expect, it } from 'vitest';
import type { OutageRecord } from '../../contract/reliability';
import { compareOutageRanks, isNewerOutageRecord, outageEndMs, outageRecordRank } from './record-version';

const T = Date.UTC(2026, 11, 2, 2);
const tripped: OutageRecord = {
  id: `f-sc-1-${T}`,
  feederId: 'f-sc-1',
  substationId: 's-sc-1',
  province: 'sc',
  cause: 'fault',
  faultSection: null,
  state: 'tripped',
  startMs: T,
  isolatedAtMs: null,
  restoredAtMs: null,
  repairedAtMs: null,
  sections: [
    { section: 0, customers: 100, outAtMs: T, restoredAtMs: null, restoredVia: null, tieFeederId: null },
    { section: 1, customers: 200, outAtMs: T, restoredAtMs: null, restoredVia: null, tieFeederId: null },
  ],
  customersAffected: 300,
  customerMinutes: 0,
  selfHealed: false,
  crossProvinceTie: false,
};
const isolated: OutageRecord = { ...tripped, state: 'isolated', faultSection: 1, isolatedAtMs: T + 20_000 };
const restored: OutageRecord = {
  ...isolated,
  state: 'restored',
  restoredAtMs: T + 40_000,
  sections: [
    { ...(tripped.sections[0] as OutageRecord['sections'][number]), restoredAtMs: T + 40_000, restoredVia: 'upstream' },
    tripped.sections[1] as OutageRecord['sections'][number],
  ],
  selfHealed: true,
};
const restoredLater: OutageRecord = { ...restored, customerMinutes: 2_000 };
const repaired: OutageRecord = {
  ...restored,
  state: 'repaired',
  repairedAtMs: T + 7_200_000,
  sections: [
    restored.sections[0] as OutageRecord['sections'][number],
    {
      ...(tripped.sections[1] as OutageRecord['sections'][number]),
      restoredAtMs: T + 7_200_000,
      restoredVia: 'repair',
    },
  ],
  customerMinutes: 24_000,
};

describe('outage record versions', () => {
  it('orders the lifecycle: tripped < isolated < restored < restored with more minutes < repaired', () => {
    const chain = [tripped, isolated, restored, restoredLater, repaired];
    for (let i = 1; i < chain.length; i++) {
      expect(isNewerOutageRecord(chain[i] as OutageRecord, chain[i - 1] as OutageRecord)).toBe(true);
      expect(isNewerOutageRecord(chain[i - 1] as OutageRecord, chain[i] as OutageRecord)).toBe(false);
    }
  });
  it('a repeat is not newer (QoS 1 redelivery changes nothing)', () => {
    expect(isNewerOutageRecord(restored, { ...restored })).toBe(false);
    expect(compareOutageRanks(outageRecordRank(restored), outageRecordRank({ ...restored }))).toBe(0);
  });
  it('the end of an outage: null while a section is out, else the last return', () => {
    expect(outageEndMs(tripped)).toBeNull();
    expect(outageEndMs(restored)).toBeNull();
    expect(outageEndMs(repaired)).toBe(T + 7_200_000);
  });
});
