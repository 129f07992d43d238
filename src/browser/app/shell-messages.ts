/** The desk shell's own words beyond the shared ones (zh first, en second). */
import { defineMessages } from '../ui/i18n/messages';

export const shellMessages = defineMessages({
  signOut: { zh: '退出登录', en: 'Sign out' },
  signedInAs: { zh: '当前用户', en: 'Signed in as' },
  'nav.admin': { zh: '管理', en: 'Admin' },
  'adminsOnly.title': { zh: '仅限管理员', en: 'Administrators only' },
  'adminsOnly.body': {
    zh: '系统管理页面仅供管理员使用。当前用户 {name}（{role}）无权打开。',
    en: 'The administration page is for administrators only. {name} ({role}) may not open it.',
  },
  'adminsOnly.switch': { zh: '以管理员身份登录', en: 'Sign in as an administrator' },
  'adminsOnly.back': { zh: '返回概览', en: 'Back to the overview' },
  'role.dispatcher': { zh: '调度员', en: 'dispatcher' },
  'role.manager': { zh: '管理者', en: 'manager' },
  'role.admin': { zh: '管理员', en: 'administrator' },
});
