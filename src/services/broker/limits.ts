/**
 * The broker's protective limits, kept free of Aedes so they are tested alone and shared with the Mosquitto writer:
 * the largest packet each role may send (from the contract's own payload limit), the connection limit, the connect
 * timeout and the failed-login limit per remote address.
 */
import { MAX_LIVE_PAYLOAD_BYTES } from '../../core/contract/live-core';
import { MAX_PAYLOAD_BYTES } from '../../core/contract/payloads';
import type { MqttRole } from '../common/credentials';

/**
 * Room for a PUBLISH's variable header on top of its payload: topic (2-byte length + the contract's topics, well under
 * 300 bytes) and packet id. Generous, so a valid message is never refused for its topic.
 */
export const PACKET_ROOM_BYTES = 1024;

/** Largest MQTT "remaining length" (variable header + payload) a device-side client may send: CONNECT, PUBLISH… */
export const DEVICE_PACKET_BYTES = MAX_PAYLOAD_BYTES + PACKET_ROOM_BYTES;

/** The live service publishes whole-area documents, which the device limit would refuse (see MAX_LIVE_PAYLOAD_BYTES). */
export const LIVE_PACKET_BYTES = MAX_LIVE_PAYLOAD_BYTES + PACKET_ROOM_BYTES;

/** The limit for a connection's next packet: before login (the CONNECT itself) a client gets the device limit. */
export function maxPacketBytesFor(role: MqttRole | null): number {
  return role === 'live' ? LIVE_PACKET_BYTES : DEVICE_PACKET_BYTES;
}

export const DEFAULT_MAX_CONNECTIONS = 2_000;
/** A socket that sends no complete CONNECT within this time is closed (Aedes' own default is 30 s). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export interface LoginLimit {
  /** Failed logins from one address within `windowMs` that trigger a block. */
  maxFailures: number;
  windowMs: number;
  /** How long every login from that address is then refused, even a correct one (so guessing learns nothing). */
  blockMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { maxFailures: 10, windowMs: 60_000, blockMs: 60_000 };

export function maxConnectionsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MQTT_MAX_CONNECTIONS;
  if (raw === undefined || raw === '') return DEFAULT_MAX_CONNECTIONS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`MQTT_MAX_CONNECTIONS="${raw}" is not a positive whole number`);
  return n;
}

export interface Oversize {
  /** MQTT control packet type (1 CONNECT, 3 PUBLISH, 8 SUBSCRIBE…). */
  type: number;
  /** The remaining length the fixed header announced; -1 when the length field itself was malformed. */
  announcedBytes: number;
}

/**
 * Follows the packet boundaries of one connection's inbound byte stream by reading only each fixed header (type byte
 * and the 1–4 byte remaining length) and skipping the bodies, so a packet announcing more than the limit is caught at
 * its first bytes, before anything buffers it. O(packets), not O(bytes).
 */
export class PacketSizeGuard {
  private phase: 'type' | 'length' | 'body' = 'type';
  private type = 0;
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private remaining = 0;

  /** Returns the first packet in `chunk` over `maxBytes`, or null when every header seen so far is within it. */
  inspect(chunk: Uint8Array, maxBytes: () => number): Oversize | null {
    let i = 0;
    while (i < chunk.length) {
      if (this.phase === 'type') {
        this.type = (chunk[i++] as number) >> 4;
        this.phase = 'length';
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
      } else if (this.phase === 'length') {
        const b = chunk[i++] as number;
        this.length += (b & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        this.lengthBytes++;
        if (b & 0x80) {
          if (this.lengthBytes === 4) return { type: this.type, announcedBytes: -1 };
          continue;
        }
        if (this.length > maxBytes()) return { type: this.type, announcedBytes: this.length };
        this.remaining = this.length;
        this.phase = this.remaining > 0 ? 'body' : 'type';
      } else {
        const skip = Math.min(this.remaining, chunk.length - i);
        i += skip;
        this.remaining -= skip;
        if (this.remaining === 0) this.phase = 'type';
      }
    }
    return null;
  }
}

/**
 * Failed logins per remote address: after `maxFailures` within `windowMs`, every login from that address is refused
 * for `blockMs`. Memory stays bounded: stale addresses are dropped when the table grows.
 */
export class LoginThrottle {
  private readonly byAddress = new Map<string, { failuresAtMs: number[]; blockedUntilMs: number }>();

  constructor(
    private readonly limit: LoginLimit = DEFAULT_LOGIN_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(address: string): boolean {
    const entry = this.byAddress.get(address);
    return entry !== undefined && entry.blockedUntilMs > this.now();
  }

  /** Records a failed login; true when this failure starts a block. */
  recordFailure(address: string): boolean {
    const nowMs = this.now();
    if (this.byAddress.size > 10_000) this.prune(nowMs);
    let entry = this.byAddress.get(address);
    if (!entry) {
      entry = { failuresAtMs: [], blockedUntilMs: 0 };
      this.byAddress.set(address, entry);
    }
    entry.failuresAtMs = entry.failuresAtMs.filter((t) => t > nowMs - this.limit.windowMs);
    entry.failuresAtMs.push(nowMs);
    if (entry.failuresAtMs.length < this.limit.maxFailures || entry.blockedUntilMs > nowMs) return false;
    entry.blockedUntilMs = nowMs + this.limit.blockMs;
    entry.failuresAtMs = [];
    return true;
  }

  private prune(nowMs: number): void {
    for (const [address, e] of this.byAddress) {
      if (e.blockedUntilMs <= nowMs && e.failuresAtMs.every((t) => t <= nowMs - this.limit.windowMs))
        this.byAddress.delete(address);
    }
  }
}
