/**
 * A stand-in for the page's MQTT connection in the live stores' tests: it records the filters a store subscribes to
 * and hands the test the last handler, to deliver messages as the broker would — judged on the way, as the page's
 * worker judges them (live-documents.ts).
 */
import type { LiveCoreSource } from './live-core-store';
import { judgeLiveMessage, type LiveJudgement } from './live-documents';

/** A store's handler fed a payload as the worker would feed it: judged first. */
export const deliverPayload = <R>(
  handle: (topic: string, judged: LiveJudgement) => R,
  topic: string,
  payload: Uint8Array,
): R => handle(topic, judgeLiveMessage(topic, payload));

export function recordingSource() {
  const filters: string[] = [];
  let handler: ((topic: string, judged: LiveJudgement) => void) | null = null;
  const source: LiveCoreSource = {
    subscribe: (filter, h) => {
      filters.push(filter);
      handler = h;
      return () => {};
    },
  };
  return {
    source,
    filters,
    /** Delivers a message to the handler of the latest subscription. */
    deliver(topic: string, payload: Uint8Array) {
      if (!handler) throw new Error('nothing has subscribed');
      handler(topic, judgeLiveMessage(topic, payload));
    },
  };
}
