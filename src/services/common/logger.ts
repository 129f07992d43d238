/**
 * Structured, levelled logs for the Node services (pino), one module so the format is chosen once:
 * - LOG_FORMAT=json: one JSON object per line on stdout (journald, log shippers), with time, level, name and fields;
 * - otherwise (the default, for a terminal and the launcher): `[name] message`, info and below on stdout, warnings
 *   and errors on stderr with their level, the style every service already prints. The fields are for machines:
 *   messages say in words what matters, so only an error's message is added to the line.
 * LOG_LEVEL (trace, debug, info, warn, error, fatal; default info) filters both.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** What stands before the message in the readable format (default `[name]`), e.g. a coloured tag. */
  prefix?: string;
  level?: string;
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Formats pino's JSON lines as `[name] message`; synchronous, so nothing is lost on process.exit(). */
function readableStream(prefix: string): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        process.stdout.write(line);
        return;
      }
      const level = Number(entry.level);
      const err = entry.err as { message?: unknown } | undefined;
      const fields = err && typeof err === 'object' ? [`(${String(err.message)})`] : [];
      const tag = level >= 40 ? ` ${LEVEL_NAMES[level] ?? level}` : '';
      const text = [`${prefix}${tag}`, String(entry.msg ?? ''), ...fields].filter((s) => s !== '').join(' ');
      (level >= 40 ? process.stderr : process.stdout).write(`${text}\n`);
    },
  };
}

export function createLogger(name: string, opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? 'info';
  const json = process.env.LOG_FORMAT === 'json';
  const destination = json ? pino.destination({ fd: 1, sync: true }) : readableStream(opts.prefix ?? `[${name}]`);
  return pino({ name, level, base: json ? { name, pid: process.pid } : { name } }, destination);
}
