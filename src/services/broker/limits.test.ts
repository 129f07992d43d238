import { describe, expect, it } from 'vitest';
import { LoginThrottle, PacketSizeGuard } from './limits';

const limit = () => 100;

describe('PacketSizeGuard', () => {
  it('follows packet boundaries across chunks and catches an oversized header split between them', () => {
    const g = new PacketSizeGuard();
    // PINGREQ (no body), then a 5-byte PUBLISH split mid-body, then a header announcing 200 bytes split mid-length.
    expect(g.inspect(Uint8Array.from([0xc0, 0x00, 0x30, 0x05, 1, 2]), limit)).toBeNull();
    expect(g.inspect(Uint8Array.from([3, 4, 5, 0x30, 0xc8]), limit)).toBeNull();
    expect(g.inspect(Uint8Array.from([0x01]), limit)).toEqual({ type: 3, announcedBytes: 200 });
  });

  it('reports a length field longer than four bytes as malformed', () => {
    expect(new PacketSizeGuard().inspect(Uint8Array.from([0x10, 0xff, 0xff, 0xff, 0xff]), limit)).toEqual({
      type: 1,
      announcedBytes: -1,
    });
  });
});

describe('LoginThrottle', () => {
  it('blocks an address after maxFailures within the window, for blockMs, and no other address', () => {
    let nowMs = 0;
    const t = new LoginThrottle({ maxFailures: 3, windowMs: 1_000, blockMs: 5_000 }, () => nowMs);
    expect(t.recordFailure('a')).toBe(false);
    nowMs = 1_500; // the first failure has left the window
    expect(t.recordFailure('a')).toBe(false);
    expect(t.recordFailure('a')).toBe(false);
    expect(t.recordFailure('a')).toBe(true);
    expect(t.isBlocked('a')).toBe(true);
    expect(t.isBlocked('b')).toBe(false);
    nowMs = 6_501;
    expect(t.isBlocked('a')).toBe(false);
  });
});
