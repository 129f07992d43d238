/** Child processes of the launcher: spawned with their output prefixed by name, stopped in order. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  proc: ChildProcess;
  /** Settles when the process has exited, with its code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
}

/** One colour per service so interleaved logs stay readable; plain when not a terminal or NO_COLOR is set. */
const COLOURS: Record<string, string> = {
  broker: '35',
  feeds: '36',
  history: '33',
  live: '34',
  app: '32',
  launch: '1',
};
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

export function prefixFor(name: string): string {
  const tag = `[${name}]`;
  return useColour ? `\x1b[${COLOURS[name] ?? '0'}m${tag}\x1b[0m` : tag;
}

function pipeLines(stream: NodeJS.ReadableStream | null, name: string, out: NodeJS.WriteStream): void {
  if (!stream) return;
  const prefix = prefixFor(name);
  const ownTag = `[${name}] `;
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  rl.on('line', (line) => {
    // Services may already prefix their own lines ("[broker] …"); don't print the tag twice.
    out.write(`${prefix} ${line.startsWith(ownTag) ? line.slice(ownTag.length) : line}\n`);
  });
}

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Child {
  // Own process group: a terminal Ctrl-C reaches only the launcher, which then stops children in order instead of
  // racing them (a child dying of the same SIGINT would otherwise look like a crash).
  const proc = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = prefixFor(name);
  pipeLines(proc.stdout, name, process.stdout);
  pipeLines(proc.stderr, name, process.stderr);
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
    proc.once('error', (err) => {
      running = false;
      process.stderr.write(`${prefix} could not start: ${err.message}\n`);
      resolve({ code: 127, signal: null });
    });
  });
  return { name, proc, exited, alive: () => running };
}

/** Signals the child's whole process group, so anything it spawned goes too. */
export function killGroup(child: Child, signal: NodeJS.Signals): void {
  try {
    if (child.proc.pid) process.kill(-child.proc.pid, signal);
  } catch {
    child.proc.kill(signal);
  }
}

/** SIGTERM, then SIGKILL after `graceMs` if the child is still there. */
export async function stopChild(child: Child, graceMs: number): Promise<void> {
  if (!child.alive()) return;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.alive()) {
      process.stderr.write(`${prefixFor('launch')} ${child.name} did not stop within ${graceMs} ms: killing it\n`);
      killGroup(child, 'SIGKILL');
    }
  }, graceMs);
  await child.exited;
  clearTimeout(timer);
}
