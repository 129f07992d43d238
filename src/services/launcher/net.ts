/** Port checks of the launcher: is a port free before we start, and is a child listening on it yet. */
import { connect, createServer } from 'node:net';

/** Resolves null when `port` can be bound on `host`, else the error code (EADDRINUSE, EACCES…). */
export function probePortFree(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

function tryConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls until something accepts TCP connections on host:port. Rejects after `timeoutMs`, or as soon as `abort`
 * settles (the child that should listen has died: no point waiting any longer).
 */
export async function waitForPort(
  host: string,
  port: number,
  timeoutMs: number,
  abort: Promise<unknown>,
): Promise<void> {
  let aborted = false;
  void abort.then(
    () => (aborted = true),
    () => (aborted = true),
  );
  const deadline = Date.now() + timeoutMs;
  while (!aborted) {
    if (await tryConnect(host, port, 500)) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('aborted');
}

/** A port the OS reports free right now (tests and fixtures; a small race is acceptable there). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => resolve(port));
    });
  });
}
