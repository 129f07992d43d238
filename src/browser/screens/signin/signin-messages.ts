/** Words of the sign-in page (zh first, en second), kept beside the feature. */
import type { Lang } from '../../../core/lang';
import { defineMessages, type MessageParams, translate } from '../../ui/i18n/messages';

export const signInMessages = defineMessages({
  title: { zh: '登录', en: 'Sign in' },
  subtitle: {
    zh: '调度、进展与管理需要登录；大屏无需登录。',
    en: 'Dispatch, progress and administration need a sign-in; the wall does not.',
  },
  name: { zh: '用户名', en: 'User name' },
  password: { zh: '密码', en: 'Password' },
  submit: { zh: '登录', en: 'Sign in' },
  submitting: { zh: '正在登录…', en: 'Signing in…' },
  invalid: { zh: '用户名或密码错误。', en: 'Wrong user name or password.' },
  limited: { zh: '失败次数过多，请 {s} 秒后再试。', en: 'Too many failed sign-ins: try again in {s} s.' },
  error: { zh: '无法登录：{detail}', en: 'Cannot sign in: {detail}' },
  denied: {
    zh: '当前用户（{name}，{role}）无权打开该页面，请换一个用户登录。',
    en: 'The signed-in user ({name}, {role}) may not open that page: sign in as another user.',
  },
  signedInAs: { zh: '已登录：{name}（{role}）', en: 'Signed in as {name} ({role})' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  toWall: { zh: '打开大屏（无需登录）', en: 'Open the wall (no sign-in)' },
  'role.dispatcher': { zh: '调度员', en: 'dispatcher' },
  'role.manager': { zh: '管理者', en: 'manager' },
  'role.admin': { zh: '管理员', en: 'administrator' },
});

export type SignInMessageId = keyof typeof signInMessages;

export function signInTr(lang: Lang) {
  return (id: SignInMessageId, params?: MessageParams) => translate(signInMessages, lang, id, params);
}
