/**
 * The dispatcher's copy of one live-core figure: the area's losses between the 220 kV intake and the feeder heads
 * (liveFiguresSchema.losses), computed once on the live service (src/core/domain/losses.ts). The dispatcher's pipeline
 * reads the raw device stream, not the live core's store, so this reads the area figures topic itself, checked with
 * the contract's schema in the page's worker (live-documents.ts, live-document-store.ts), and keeps only the losses
 * with their time. Refused messages are counted, never shown.
 */
import type { IntakeLossesFigure } from '../../core/contract/live-core';
import { liveTopics } from '../../core/contract/live-core-terms';
import { type LiveDocumentRejections, LiveDocumentStore } from './live-document-store';

export interface AreaLosses {
  /** The figures' data time (the live service's clock), ms. */
  tsMs: number;
  /** Absent when the live service publishes none (a sharded service's roll-up has no intake). */
  losses: IntakeLossesFigure | null;
}

export interface AreaLossesSnapshot extends LiveDocumentRejections {
  latest: AreaLosses | null;
}

/** The area figures are a few kB; anything near this is not the live service's. */
const MAX_FIGURES_PAYLOAD_BYTES = 256 * 1024;

export class AreaLossesStore extends LiveDocumentStore<'figures', AreaLossesSnapshot> {
  constructor() {
    super({
      topic: liveTopics.figures('area'),
      kind: 'figures',
      maxBytes: MAX_FIGURES_PAYLOAD_BYTES,
      initial: { latest: null, rejected: 0, lastRejected: null },
      // Figures older than the ones held (a retained copy delivered after a live one) change nothing.
      accept: (prev, figures) =>
        prev.latest && prev.latest.tsMs >= figures.ts
          ? prev
          : { ...prev, latest: { tsMs: figures.ts, losses: figures.losses ?? null } },
    });
  }
}
