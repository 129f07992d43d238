/** The desk shell's own words beyond the shared ones (zh first, en second). */
import { defineMessages } from '../ui/i18n/messages';

export const shellMessages = defineMessages({
  signOut: { zh: '退出登录', en: 'Sign out' },
  signedInAs: { zh: '当前用户', en: 'Signed in as' },
});
