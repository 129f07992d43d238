/** Words of the admin screen's page, users and audit tabs (zh first, en second), kept beside the feature. */
import type { AuditAction } from '../../../core/contract/users-api';
import type { Lang } from '../../../core/lang';
import { defineMessages, type MessageParams, translate } from '../../ui/i18n/messages';

export const adminMessages = defineMessages({
  title: { zh: '系统管理', en: 'Administration' },
  subtitle: {
    zh: '用户、告警阈值、操作审计与大屏设置；仅管理员可用，每项更改均记入审计日志。',
    en: 'Users, alarm thresholds, the audit log and the screens; administrators only, every change is audited.',
  },
  'tab.users': { zh: '用户', en: 'Users' },
  'tab.thresholds': { zh: '阈值', en: 'Thresholds' },
  'tab.audit': { zh: '审计日志', en: 'Audit log' },
  'tab.screens': { zh: '大屏', en: 'Screens' },

  'users.heading': { zh: '用户', en: 'Users' },
  'users.count': { zh: '共 {n} 个用户', en: '{n} users' },
  'col.name': { zh: '用户名', en: 'Name' },
  'col.role': { zh: '角色', en: 'Role' },
  'col.created': { zh: '创建时间', en: 'Created' },
  'col.actions': { zh: '操作', en: 'Actions' },
  you: { zh: '（当前用户）', en: '(you)' },
  'role.dispatcher': { zh: '调度员', en: 'Dispatcher' },
  'role.manager': { zh: '管理者', en: 'Manager' },
  'role.admin': { zh: '管理员', en: 'Administrator' },

  'add.heading': { zh: '添加用户', en: 'Add a user' },
  'add.name': { zh: '用户名', en: 'Name' },
  'add.role': { zh: '角色', en: 'Role' },
  'add.password': { zh: '初始密码', en: 'Initial password' },
  'add.passwordHint': { zh: '至少 {n} 个字符', en: 'At least {n} characters' },
  'add.submit': { zh: '添加', en: 'Add' },
  'add.done': { zh: '已添加用户 {name}（{role}）。', en: 'Added {name} ({role}).' },

  remove: { zh: '删除', en: 'Remove' },
  'remove.confirm': { zh: '确定删除 {name}？其会话将立即结束。', en: 'Remove {name}? Their sessions end at once.' },
  'remove.yes': { zh: '确定删除', en: 'Remove' },
  cancel: { zh: '取消', en: 'Cancel' },
  'remove.done': { zh: '已删除用户 {name}。', en: 'Removed {name}.' },

  reset: { zh: '重置密码', en: 'Reset password' },
  'reset.heading': { zh: '为 {name} 设置新密码', en: 'New password for {name}' },
  'reset.password': { zh: '新密码', en: 'New password' },
  'reset.submit': { zh: '保存新密码', en: 'Save password' },
  'reset.self': {
    zh: '这是您自己的账号：保存后您需要重新登录。',
    en: 'This is your own account: you will have to sign in again.',
  },
  'reset.done': { zh: '已重置 {name} 的密码，其会话已结束。', en: "Reset {name}'s password; their sessions ended." },

  'problem.name-length': { zh: '用户名须为 1–{max} 个字符。', en: 'A name has 1–{max} characters.' },
  'problem.name-control': { zh: '用户名不能含控制字符。', en: 'A name cannot hold control characters.' },
  'problem.password-short': { zh: '密码至少 {min} 个字符。', en: 'A password has at least {min} characters.' },
  'problem.password-long': { zh: '密码最多 {max} 个字符。', en: 'A password has at most {max} characters.' },
  'problem.taken': { zh: '用户名 {name} 已存在。', en: 'The name {name} is taken.' },

  loading: { zh: '加载中…', en: 'Loading…' },
  busy: { zh: '处理中…', en: 'Working…' },
  denied: { zh: '无权限：请以管理员身份登录。', en: 'Not allowed: sign in as an administrator.' },
  'invalid.name': { zh: '用户名无效：{detail}', en: 'Name not accepted: {detail}' },
  'invalid.role': { zh: '角色无效：{detail}', en: 'Role not accepted: {detail}' },
  'invalid.password': { zh: '密码不符合要求：{detail}', en: 'Password not accepted: {detail}' },
  invalid: { zh: '请求无效：{detail}', en: 'Request not accepted: {detail}' },
  rejected: { zh: '服务器拒绝（{status}）：{detail}', en: 'Refused by the server ({status}): {detail}' },
  unreachable: { zh: '服务器无应答：{detail}', en: 'The server did not answer: {detail}' },

  'audit.heading': { zh: '审计日志', en: 'Audit log' },
  'audit.from': { zh: '起（北京时间）', en: 'From (Beijing time)' },
  'audit.to': { zh: '止（北京时间）', en: 'To (Beijing time)' },
  'audit.action': { zh: '操作类型', en: 'Action' },
  'audit.allActions': { zh: '全部操作', en: 'All actions' },
  'audit.apply': { zh: '查询', en: 'Search' },
  'audit.clear': { zh: '清除', en: 'Clear' },
  'audit.csv': { zh: '导出 CSV（所选时段）', en: 'Export CSV (chosen period)' },
  'audit.count': { zh: '显示 {shown} / {total} 条，最新在前', en: '{shown} of {total} entries, newest first' },
  'audit.limited': {
    zh: '只显示最新 {n} 条：请缩小时段查看更早的记录。',
    en: 'Only the newest {n} are shown: narrow the period to see older ones.',
  },
  'audit.badRange': { zh: '起始时间须早于结束时间。', en: 'The start must be before the end.' },
  'audit.empty': { zh: '该时段无记录。', en: 'No entries in this period.' },
  'col.time': { zh: '时间', en: 'Time' },
  'col.actionName': { zh: '操作', en: 'Action' },
  'col.actor': { zh: '操作人', en: 'By' },
  'col.target': { zh: '对象', en: 'Target' },
  'col.detail': { zh: '结果/说明', en: 'Outcome / detail' },
  'col.address': { zh: '地址', en: 'Address' },
  'action.sign-in': { zh: '登录', en: 'Sign-in' },
  'action.sign-in-failed': { zh: '登录失败', en: 'Failed sign-in' },
  'action.sign-out': { zh: '退出登录', en: 'Sign-out' },
  'action.alarm-ack': { zh: '告警确认', en: 'Alarm acknowledged' },
  'action.user-add': { zh: '添加用户', en: 'User added' },
  'action.user-remove': { zh: '删除用户', en: 'User removed' },
  'action.user-passwd': { zh: '重置密码', en: 'Password reset' },
  'action.thresholds-change': { zh: '修改阈值', en: 'Thresholds changed' },
  'action.thresholds-revert': { zh: '恢复阈值', en: 'Thresholds reverted' },
});

export type AdminMessageId = keyof typeof adminMessages;

export function adminTr(lang: Lang) {
  return (id: AdminMessageId, params?: MessageParams) => translate(adminMessages, lang, id, params);
}

/** Each audit action's words: a typed table, so an action of the contract without a label is a type error. */
const ACTION_LABEL: Record<AuditAction, AdminMessageId> = {
  'sign-in': 'action.sign-in',
  'sign-in-failed': 'action.sign-in-failed',
  'sign-out': 'action.sign-out',
  'alarm-ack': 'action.alarm-ack',
  'user-add': 'action.user-add',
  'user-remove': 'action.user-remove',
  'user-passwd': 'action.user-passwd',
  'thresholds-change': 'action.thresholds-change',
  'thresholds-revert': 'action.thresholds-revert',
};
const ACTION_LABELS: ReadonlyMap<string, AdminMessageId> = new Map(Object.entries(ACTION_LABEL));

/** An audit action's words; one the screen does not know yet (a newer server) is shown as the server names it. */
export function actionLabel(lang: Lang, action: string): string {
  const id = ACTION_LABELS.get(action);
  return id ? translate(adminMessages, lang, id) : action;
}
