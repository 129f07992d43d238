/**
 * What an MQTT connection shares whichever thread its socket lives in (mqtt-connection.ts on this thread or in a
 * worker, worker-connection.ts relaying one): the observable connection state and the subscriptions counted per filter.
 * No `mqtt` import here, so the page side of the relay stays free of mqtt.js.
 */

export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** Wall-clock ms of the last CONNACK, or null if never connected. */
  connectedAtMs: number | null;
  /** Wall-clock ms at which the connection was last lost (null while it never was). */
  lostAtMs: number | null;
  /** Reconnect attempts since the last successful connection. */
  attempts: number;
  /** Last error the client reported (refused login, socket error), for the diagnostics panel. */
  lastError: string | null;
  url: string;
}

export type MessageHandler = (topic: string, payload: Uint8Array) => void;

export interface ConnectionStateCell {
  get(): ConnectionState;
  /** Merges the change into the state and tells every listener. */
  patch(change: Partial<ConnectionState>): void;
  onState(listener: (s: ConnectionState) => void): () => void;
}

/** The state of a connection to `url`, connecting and never yet connected. */
export function connectionStateCell(url: string): ConnectionStateCell {
  const listeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = {
    phase: 'connecting',
    connectedAtMs: null,
    lostAtMs: null,
    attempts: 0,
    lastError: null,
    url,
  };
  return {
    get: () => state,
    patch(change) {
      state = { ...state, ...change };
      for (const l of listeners) l(state);
    },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** `H`: what a handler takes (a raw payload in the in-thread client, a judged live document from the relay worker). */
export interface FilterSubscriptions<H = MessageHandler> {
  /** The handlers of each subscribed filter. */
  readonly handlers: ReadonlyMap<string, ReadonlySet<H>>;
  /** Adds a handler; returns its removal. */
  subscribe(filter: string, handler: H): () => void;
}

/**
 * Handlers counted per filter, so one screen leaving never cuts another's data: `subscribeFilter` when a filter gets its
 * first handler, `unsubscribeFilter` when its last leaves, `changed` on every change (a topic → handlers memo is
 * forgotten there).
 */
export function filterSubscriptions<H = MessageHandler>(ops: {
  subscribeFilter(filter: string): void;
  unsubscribeFilter(filter: string): void;
  changed?(): void;
}): FilterSubscriptions<H> {
  const handlers = new Map<string, Set<H>>();
  return {
    handlers,
    subscribe(filter, handler) {
      ops.changed?.();
      let set = handlers.get(filter);
      if (!set) {
        set = new Set();
        handlers.set(filter, set);
        ops.subscribeFilter(filter);
      }
      set.add(handler);
      return () => {
        const current = handlers.get(filter);
        if (!current) return;
        ops.changed?.();
        current.delete(handler);
        if (current.size === 0) {
          handlers.delete(filter);
          ops.unsubscribeFilter(filter);
        }
      };
    },
  };
}
