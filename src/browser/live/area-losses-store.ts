/**
 * The dispatcher's copy of one live-core figure: the area's losses between the 220 kV intake and the feeder heads
 * (liveFiguresSchema.losses), computed once on the live service (src/core/domain/losses.ts). The dispatcher's pipeline
 * reads the raw device stream, not the live core's store, so this reads the area figures topic itself, validates it
 * with the contract's schema and keeps only the losses with their time. Refused messages are counted, never shown.
 */
import { type IntakeLossesFigure, liveFiguresSchema, liveTopics } from '../../core/contract/live-core';
import type { LiveCoreSource } from './live-core-store';

export interface AreaLosses {
  /** The figures' data time (the live service's clock), ms. */
  tsMs: number;
  /** Absent when the live service publishes none (a sharded service's roll-up has no intake). */
  losses: IntakeLossesFigure | null;
}

const decoder = new TextDecoder();
/** The area figures are a few kB; anything near this is not the live service's. */
const MAX_FIGURES_PAYLOAD_BYTES = 256 * 1024;

export class AreaLossesStore {
  private readonly listeners = new Set<() => void>();
  private current: AreaLosses | null = null;
  rejected = 0;

  start(source: LiveCoreSource): () => void {
    return source.subscribe(liveTopics.figures('area'), this.handle);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AreaLosses | null => this.current;

  handle = (topic: string, payload: Uint8Array): void => {
    if (topic !== liveTopics.figures('area') || payload.byteLength === 0) return;
    let json: unknown;
    try {
      json = payload.byteLength > MAX_FIGURES_PAYLOAD_BYTES ? null : JSON.parse(decoder.decode(payload));
    } catch {
      json = null;
    }
    const r = liveFiguresSchema.safeParse(json);
    if (!r.success) {
      this.rejected++;
      return;
    }
    const next = { tsMs: r.data.ts, losses: r.data.losses ?? null };
    if (this.current && this.current.tsMs >= next.tsMs) return;
    this.current = next;
    for (const l of this.listeners) l();
  };
}
