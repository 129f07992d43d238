/** The "where is everything" box printed once all services listen. */

/** Terminal columns a string occupies: CJK and full-width forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Rows are [label, value]; a row with an empty label continues the previous one; null draws a separator. */
export function renderBox(title: string, rows: ([string, string] | null)[]): string {
  const labelWidth = Math.max(...rows.map((r) => (r ? displayWidth(r[0]) : 0)));
  const lines = rows.map((r) => (r === null ? null : `${r[0]}${' '.repeat(labelWidth - displayWidth(r[0]))}  ${r[1]}`));
  const inner = Math.max(displayWidth(title), ...lines.map((l) => (l ? displayWidth(l) : 0)));
  const pad = (l: string) => `│ ${l}${' '.repeat(inner - displayWidth(l))} │`;
  return [
    `┌${'─'.repeat(inner + 2)}┐`,
    pad(title),
    `├${'─'.repeat(inner + 2)}┤`,
    ...lines.map((l) => (l === null ? `├${'─'.repeat(inner + 2)}┤` : pad(l))),
    `└${'─'.repeat(inner + 2)}┘`,
  ].join('\n');
}

/**
 * The banner's sign-in row for `npm start`: the development users the web server creates on a first start without
 * GAOZHU_ADMIN_USER (src/services/web/identity/identity.ts DEV_USERS), else where users come from.
 */
export function signInRow(env: NodeJS.ProcessEnv = process.env): [string, string] {
  if (env.GAOZHU_ADMIN_USER)
    return ['Sign-in', `admin ${env.GAOZHU_ADMIN_USER} from the environment; more: npm run user`];
  if (env.NODE_ENV === 'production') return ['Sign-in', 'no development users in production: npm run user -- add'];
  return [
    'Sign-in',
    'dispatcher/dispatcher-dev, manager/manager-dev, admin/admin-dev (development users, first start)',
  ];
}
