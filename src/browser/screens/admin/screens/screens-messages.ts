/** Words of the admin screen's screens tab (zh first, en second), kept beside the feature. */
import type { Lang } from '../../../../core/lang';
import { defineMessages, type MessageParams, translate } from '../../../ui/i18n/messages';

export const screensMessages = defineMessages({
  heading: { zh: '大屏运行状态', en: 'Screen health' },
  explain: {
    zh: '每块屏幕每 {interval} 秒上报帧率、内存与数据时效；{stale} 秒无上报为“失联”（标签页隐藏、页面卡死或电脑关机），数据超过 {frozen} 秒未更新为“数据停滞”。',
    en: 'Every screen reports its frame rate, heap and data age every {interval} s; no report for {stale} s is "stale" (a hidden tab, a frozen page or a PC off), data older than {frozen} s is "frozen data".',
  },
  count: {
    zh: '共 {n} 块屏幕：{live} 正常，{stale} 失联，{frozen} 数据停滞',
    en: '{n} screens: {live} live, {stale} stale, {frozen} frozen data',
  },
  empty: { zh: '尚无屏幕上报。', en: 'No screen has reported yet.' },
  loading: { zh: '加载中…', en: 'Loading…' },
  'col.state': { zh: '状态', en: 'State' },
  'col.screen': { zh: '屏幕', en: 'Screen' },
  'col.route': { zh: '页面', en: 'Page' },
  'col.fps': { zh: '帧率', en: 'FPS' },
  'col.heap': { zh: '内存', en: 'Heap' },
  'col.dataAge': { zh: '数据时效', en: 'Data age' },
  'col.connection': { zh: '连接', en: 'Connection' },
  'col.lastSeen': { zh: '最后上报', en: 'Last seen' },
  'col.version': { zh: '版本', en: 'Version' },
  'col.address': { zh: '地址', en: 'Address' },
  'state.live': { zh: '● 正常', en: '● Live' },
  'state.stale': { zh: '○ 失联', en: '○ Stale' },
  'state.frozen-data': { zh: '▲ 数据停滞', en: '▲ Frozen data' },
  'connection.connecting': { zh: '连接中', en: 'connecting' },
  'connection.connected': { zh: '已连接', en: 'connected' },
  'connection.reconnecting': { zh: '重连中', en: 'reconnecting' },
  'connection.offline': { zh: '已断开', en: 'offline' },
  'connection.none': { zh: '无实时连接', en: 'no live connection' },
  ago: { zh: '{age} 前', en: '{age} ago' },
  'unit.s': { zh: '{n} 秒', en: '{n} s' },
  'unit.min': { zh: '{n} 分钟', en: '{n} min' },
  'unit.h': { zh: '{n} 小时', en: '{n} h' },
  'unit.mb': { zh: '{n} MB', en: '{n} MB' },
  noData: { zh: '尚无数据', en: 'no data yet' },
  notAvailable: { zh: '—', en: '—' },
  denied: { zh: '无权限：请以管理员或调度员身份登录。', en: 'Not allowed: sign in as an administrator or dispatcher.' },
  unreachable: { zh: '服务器不可用：{detail}', en: 'The server is unreachable: {detail}' },
  rejected: { zh: '被拒绝（HTTP {status}）：{detail}', en: 'Refused (HTTP {status}): {detail}' },
});

export type ScreensMessageId = keyof typeof screensMessages;

export function screensTr(lang: Lang) {
  return (id: ScreensMessageId, params?: MessageParams) => translate(screensMessages, lang, id, params);
}
