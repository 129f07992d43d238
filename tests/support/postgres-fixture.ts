/**
 * Test fixture: a throw-away PostgreSQL cluster (Debian's postgresql, no Docker) on a free port of 127.0.0.1: initdb
 * with trust authentication into a temporary directory, pg_ctl start, one database per `createDatabase()`, and on
 * close pg_ctl stop (fast) and the directory removed. The server refuses to run as root, so under root every program
 * runs as the `postgres` system user (runuser) in a directory it owns. When initdb is missing the fixture throws the
 * install command, so the PostgreSQL tests fail loudly instead of being skipped.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

export const POSTGRES_INSTALL_HINT = 'install it with `apt-get install -y postgresql`';

/** The newest Debian PostgreSQL bin directory (/usr/lib/postgresql/<major>/bin), or null. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin') : null;
}

export interface RunningPostgres {
  host: string;
  port: number;
  /** Database superuser (trust authentication: no password). */
  user: string;
  /** A new empty database; resolves with its URL. */
  createDatabase(name?: string): Promise<string>;
  close(): Promise<void>;
}

let databases = 0;

export interface TestPostgresOptions {
  /** Keep the server's durable defaults (fsync on): for benchmarks. Tests run with fsync off. */
  durable?: boolean;
}

export async function startTestPostgres(opts: TestPostgresOptions = {}): Promise<RunningPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(`PostgreSQL (initdb) not found under /usr/lib/postgresql: ${POSTGRES_INSTALL_HINT}`);
  const asRoot = process.getuid?.() === 0;
  const osUser = asRoot ? 'postgres' : userInfo().username;
  const exec = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args]) : run(join(bin, program), args);

  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-postgres-'));
  if (asRoot) {
    const { uid, gid } = await postgresIds();
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const host = '127.0.0.1';
  const port = await freePort();
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await exec('initdb', ['-D', dataDir, '--auth=trust', `--username=${osUser}`, '--encoding=UTF8', '--no-sync']);
    // fsync off for tests: a throw-away cluster; the durability of a real server is not what they check.
    const durability = opts.durable ? '' : ' -c fsync=off';
    await exec('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=${host}${durability} -c max_connections=60`,
      'start',
    ]);
  } catch (e) {
    remove();
    throw new Error(`PostgreSQL did not start: ${(e as Error).message}`);
  }
  return {
    host,
    port,
    user: osUser,
    async createDatabase(name = `gaozhu_test_${process.pid}_${++databases}`) {
      await exec('createdb', ['-h', host, '-p', String(port), '-U', osUser, name]);
      return `postgres://${osUser}@${host}:${port}/${name}`;
    },
    async close() {
      try {
        await exec('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        remove();
      }
    },
  };
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
