/**
 * A stand-in for the page's MQTT connection in the live stores' tests: it records the filters a store subscribes to
 * and hands the test the last handler, to deliver messages as the broker would.
 */
import type { LiveCoreSource } from './live-core-store';

export function recordingSource() {
  const filters: string[] = [];
  let handler: ((topic: string, payload: Uint8Array) => void) | null = null;
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
      handler(topic, payload);
    },
  };
}
