/**
 * Users of the web server, in the history database's users table (HISTORY_DB, default .data/history.sqlite; or
 * WEB_IDENTITY_DB), as the web server reads them:
 *   npm run user -- add <name> --role dispatcher|manager|admin [--password <p>]   (asks when --password is left out)
 *   npm run user -- list
 *   npm run user -- remove <name>
 *   npm run user -- passwd <name> [--password <p>]                                (ends the user's sessions)
 * Each change goes into the audit log as the CLI's. A password typed at the prompt is not echoed.
 */
import { createInterface } from 'node:readline';
import { CREDENTIAL_PROBLEM_TEXT, passwordProblem, userNameProblem } from '../core/contract/users-api';
import { addUser, setUserPassword } from '../services/web/identity/identity';
import { USER_ROLES, type UserRole } from '../services/web/storage/identity-storage';
import { identityDbPath, openIdentitySqlite } from '../services/web/storage/sqlite/identity-sqlite';

const USAGE = `usage: npm run user -- add <name> --role ${USER_ROLES.join('|')} [--password <p>]
       npm run user -- list
       npm run user -- remove <name>
       npm run user -- passwd <name> [--password <p>]`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) fail(`--${name} needs a value\n${USAGE}`);
  args.splice(i, 2);
  return value;
}

/** Asks twice without echo (a TTY), or reads one line (a pipe). */
async function askPassword(): Promise<string> {
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
      const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
      if (process.stdin.isTTY) {
        out._writeToOutput = (s: string) => {
          if (s.startsWith(prompt)) out.output.write(prompt);
        };
      }
      rl.question(prompt, (answer) => {
        rl.close();
        if (process.stdin.isTTY) process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('password: ');
  if (process.stdin.isTTY && (await ask('again:    ')) !== first) fail('the two passwords differ');
  return first;
}

async function passwordFrom(args: string[]): Promise<string> {
  const password = flag(args, 'password') ?? (await askPassword());
  const problem = passwordProblem(password);
  if (problem) fail(CREDENTIAL_PROBLEM_TEXT[problem]);
  return password;
}

const args = process.argv.slice(2);
const command = args.shift();
const dbPath = identityDbPath();
const storage = openIdentitySqlite(dbPath);
const audit = (action: 'user-add' | 'user-remove' | 'user-passwd', target: string, detail = '') =>
  storage.appendAudit({ atMs: Date.now(), action, actor: '(cli)', target, detail, address: '' });

try {
  if (command === 'list') {
    const users = await storage.listUsers();
    if (!users.length) console.log(`no users in ${dbPath}`);
    for (const u of users) console.log(`${u.name}\t${u.role}\t${new Date(u.createdMs).toISOString()}`);
  } else if (command === 'add') {
    const role = flag(args, 'role');
    if (!role || !(USER_ROLES as readonly string[]).includes(role)) fail(`--role ${USER_ROLES.join('|')} required`);
    const name = args.shift()?.trim() ?? '';
    const nameProblem = userNameProblem(name);
    if (nameProblem) fail(`${CREDENTIAL_PROBLEM_TEXT[nameProblem]}\n${USAGE}`);
    const password = await passwordFrom(args);
    if (!(await addUser(storage, name, role as UserRole, password))) fail(`${name} exists already (passwd changes it)`);
    await audit('user-add', name, role);
    console.log(`added ${name} (${role}) to ${dbPath}`);
  } else if (command === 'remove') {
    const name = args.shift() ?? fail(USAGE);
    if (!(await storage.removeUser(name))) fail(`no user ${name}`);
    await audit('user-remove', name);
    console.log(`removed ${name} and ended their sessions`);
  } else if (command === 'passwd') {
    const name = args.shift() ?? fail(USAGE);
    if (!(await storage.getUser(name))) fail(`no user ${name}`);
    await setUserPassword(storage, name, await passwordFrom(args));
    await audit('user-passwd', name);
    console.log(`changed the password of ${name} and ended their sessions`);
  } else {
    fail(USAGE);
  }
} finally {
  await storage.close();
}
