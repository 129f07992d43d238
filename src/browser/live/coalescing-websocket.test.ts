/**
 * The frames waiting together reach mqtt.js as one chunk, in order and byte for byte; a lone frame still goes on by
 * itself, and a close delivers what is pending first. A stand-in WebSocket plays the browser's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoalescingWebSocket } from './coalescing-websocket';

class FakeSocket {
  static last: FakeSocket | null = null;
  readyState = 1;
  bufferedAmount = 0;
  binaryType = 'blob';
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: Event) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  constructor() {
    FakeSocket.last = this;
  }
  frame(bytes: number[]) {
    this.onmessage?.(new MessageEvent('message', { data: new Uint8Array(bytes).buffer }));
  }
}

const nextTask = () => new Promise((r) => setTimeout(r, 20));

function open() {
  vi.stubGlobal('WebSocket', FakeSocket);
  const ws = new CoalescingWebSocket('ws://127.0.0.1:1/mqtt', ['mqtt']);
  const chunks: number[][] = [];
  const events: string[] = [];
  ws.addEventListener('message', (ev) => {
    chunks.push([...new Uint8Array((ev as MessageEvent).data as ArrayBuffer)]);
    events.push('message');
  });
  ws.addEventListener('close', () => events.push('close'));
  return { ws, socket: FakeSocket.last!, chunks, events };
}

afterEach(() => vi.unstubAllGlobals());

describe('CoalescingWebSocket', () => {
  it('joins the frames that arrived before it ran, in order', async () => {
    const { socket, chunks } = open();
    socket.frame([1, 2]);
    socket.frame([3]);
    socket.frame([4, 5, 6]);
    expect(chunks).toEqual([]);
    await nextTask();
    expect(chunks).toEqual([[1, 2, 3, 4, 5, 6]]);
    socket.frame([7]);
    await nextTask();
    expect(chunks).toEqual([[1, 2, 3, 4, 5, 6], [7]]);
  });

  it('delivers what is pending before the close', async () => {
    const { socket, events, chunks } = open();
    socket.frame([9]);
    socket.onclose?.(new Event('close'));
    expect(events).toEqual(['message', 'close']);
    expect(chunks).toEqual([[9]]);
  });
});
