/**
 * A WebSocket for mqtt.js (its `createWebsocket` option) that hands it the binary frames waiting in the task queue as
 * one chunk. The broker sends one frame per MQTT packet; mqtt.js pays for each chunk it is given (a Buffer polyfill
 * object, a push through its stream polyfills, a parser call), so in a flood most of its time went to chunks, not
 * packets (the ingest worker's profile in tests/bench/README.md). Its parser reads any number of packets from one
 * chunk, so nothing else changes: the bytes arrive in order, and the packets are mqtt.js's to parse.
 *
 * The frames that arrived by the time the flush task runs go together; a lone frame goes on its own after one task
 * hop (a MessageChannel message, not a clamped timer). A close or an error first delivers what is pending.
 */

type Listener = (ev: Event) => void;

export class CoalescingWebSocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  private readonly socket: WebSocket;
  private readonly listeners = new Map<string, Set<Listener>>();
  private pending: ArrayBuffer[] = [];
  private pendingBytes = 0;
  private flushQueued = false;
  private readonly flushChannel = new MessageChannel();

  constructor(url: string, protocols?: string | string[]) {
    this.socket = new WebSocket(url, protocols);
    this.socket.binaryType = 'arraybuffer';
    this.flushChannel.port1.onmessage = () => this.flush();
    this.socket.onmessage = (ev: MessageEvent) => {
      if (!(ev.data instanceof ArrayBuffer)) {
        // MQTT over WebSocket is binary; anything else goes on as it came, after what is pending.
        this.flush();
        this.emit('message', new MessageEvent('message', { data: ev.data }));
        return;
      }
      this.pending.push(ev.data);
      this.pendingBytes += ev.data.byteLength;
      if (!this.flushQueued) {
        this.flushQueued = true;
        this.flushChannel.port2.postMessage(null);
      }
    };
    this.socket.onopen = (ev) => this.emit('open', ev);
    this.socket.onclose = (ev) => {
      this.flush();
      this.flushChannel.port1.close();
      this.emit('close', ev);
    };
    this.socket.onerror = (ev) => {
      this.flush();
      this.emit('error', ev);
    };
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  get url(): string {
    return this.socket.url;
  }

  /** Always 'arraybuffer' (what mqtt.js asks for): frames are joined as bytes. */
  get binaryType(): BinaryType {
    return 'arraybuffer';
  }

  set binaryType(_type: BinaryType) {}

  send(data: Parameters<WebSocket['send']>[0]): void {
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  private emit(type: string, ev: Event): void {
    for (const l of this.listeners.get(type) ?? []) l(ev);
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.pending.length === 0) return;
    const frames = this.pending;
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    let data = frames[0] as ArrayBuffer;
    if (frames.length > 1) {
      const joined = new Uint8Array(bytes);
      let at = 0;
      for (const f of frames) {
        joined.set(new Uint8Array(f), at);
        at += f.byteLength;
      }
      data = joined.buffer;
    }
    this.emit('message', new MessageEvent('message', { data }));
  }
}
