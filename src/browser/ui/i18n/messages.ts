/**
 * The UI's words, one entry per message id with both languages side by side, so a missing translation is a type
 * error rather than a blank on the wall. Ids are dotted by area where there is one (`connection.*`, `reject.*`, `diag.*`, `screen.*`),
 * flat for the figures every screen shows.
 *
 * To add words: add entries here (shell-wide words), or keep a feature's own words in a dictionary beside the feature
 * with `defineMessages` and read them with `translate`, so features don't all edit this one file.
 */
import type { Province } from '../../../core/contract/topics';
import type { RejectReason } from '../../../core/contract/validate';
import type { Lang } from '../../../core/lang';

export interface Message {
  zh: string;
  en: string;
}
export type Messages = Record<string, Message>;

/** Identity with a type check: keeps the literal ids of a feature dictionary for `translate`. */
export function defineMessages<const M extends Messages>(m: M): M {
  return m;
}

export const messages = defineMessages({
  'app.title': { zh: '川渝高竹新区能源大数据监测平台', en: 'Gaozhu New Area Energy Big-Data Monitor' },
  'app.areaName': { zh: '川渝高竹新区', en: 'Sichuan–Chongqing Gaozhu New Area' },

  'screen.overview': { zh: '概览', en: 'Overview' },
  'screen.wall': { zh: '大屏', en: 'Wall' },
  'screen.dispatch': { zh: '调度', en: 'Dispatch' },
  'screen.progress': { zh: '进展', en: 'Progress' },

  'connection.connected': { zh: '已连接', en: 'Connected' },
  'connection.connecting': { zh: '连接中', en: 'Connecting' },
  'connection.reconnecting': { zh: '重连中', en: 'Reconnecting' },
  'connection.disconnected': { zh: '已断开', en: 'Disconnected' },
  delayed: { zh: '数据延迟', en: 'Data delayed' },
  delayedLiveStopped: {
    zh: '数据延迟 · 实时数据中断 · 截至 {time}',
    en: 'Data delayed · live data stopped · as of {time}',
  },

  // Live and energy figures (flat ids: they are used on every screen).
  areaLoad: { zh: '区域负荷', en: 'Area load' },
  'kpi.consumptionNow': { zh: '实时用电负荷', en: 'Consumption now' },
  pvOutput: { zh: '光伏出力', en: 'PV output' },
  evCharging: { zh: '充电负荷', en: 'EV charging' },
  cleanShare: { zh: '清洁能源占比', en: 'Clean-energy share' },
  localGreenShare: { zh: '本地绿电占比', en: 'Local green share' },
  co2AvoidedToday: { zh: '今日减碳', en: 'CO₂ avoided today' },
  consumption: { zh: '用电量', en: 'Consumption' },
  gridImport: { zh: '网供电量', en: 'Grid import' },
  emissionFactor: { zh: '排放因子', en: 'Emission factor' },
  partialData: { zh: '部分数据', en: 'Partial data' },
  countedSince: { zh: '统计起始', en: 'Counted since' },
  historyUnavailable: { zh: '历史服务不可用', en: 'History unavailable' },
  sinceMidnight: { zh: '自零点起', en: 'Since midnight' },
  'unit.sites': { zh: '个站点', en: 'sites' },
  'unit.stations': { zh: '座充电站', en: 'stations' },

  // Scopes: see scopeMessageId.
  sichuan: { zh: '四川', en: 'Sichuan' },
  chongqing: { zh: '重庆', en: 'Chongqing' },
  wholeArea: { zh: '全区', en: 'Whole area' },

  diagnostics: { zh: '诊断', en: 'Diagnostics' },
  rejectedMessages: { zh: '拒收消息', en: 'Rejected messages' },
  'diag.accepted': { zh: '已接收消息', en: 'Accepted messages' },
  'diag.duplicates': { zh: '重复消息', en: 'Duplicates' },
  'diag.rate': { zh: '消息速率', en: 'Message rate' },
  'diag.streamLag': { zh: '数据到达延迟', en: 'Stream lag' },
  'diag.liveRefused': { zh: '拒收的实时服务消息', en: 'Live service messages refused' },
  'diag.liveRefusedCounts': {
    zh: '告警 {alarms} · 状态 {status} · 线损 {losses} · 可靠性 {reliability}',
    en: 'alarms {alarms} · status {status} · losses {losses} · reliability {reliability}',
  },
  'diag.broker': { zh: '消息服务器', en: 'Broker' },
  'diag.lastError': { zh: '最近错误', en: 'Last error' },
  'diag.reason': { zh: '原因', en: 'Reason' },
  'diag.count': { zh: '次数', en: 'Count' },
  'diag.lastRejected': { zh: '最近拒收', en: 'Last rejected' },

  // One per REJECT_REASONS in src/core/contract/validate.ts (checked below at compile time and in the test).
  'reject.bad-topic': { zh: '主题无效', en: 'Invalid topic' },
  'reject.too-large': { zh: '消息过大', en: 'Message too large' },
  'reject.not-json': { zh: '非 JSON 格式', en: 'Not JSON' },
  'reject.schema': { zh: '格式不符', en: 'Schema mismatch' },
  'reject.out-of-range': { zh: '数值越界', en: 'Value out of range' },
  'reject.future-timestamp': { zh: '时间戳超前', en: 'Timestamp in the future' },
  'reject.unknown-device': { zh: '未知设备', en: 'Unknown device' },
  'reject.implausible': { zh: '与设备参数不符', en: 'Impossible for the device' },
  'reject.out-of-order': { zh: '事件乱序或重复', en: 'Event out of order or repeated' },
});

export type MessageId = keyof typeof messages;

// A new reject reason in the contract without words here fails the type check.
const _everyRejectReasonHasWords: Record<`reject.${RejectReason}`, Message> = messages;
void _everyRejectReasonHasWords;

const SCOPE_MESSAGE_ID = { sc: 'sichuan', cq: 'chongqing', area: 'wholeArea' } as const satisfies Record<
  Province | 'area',
  MessageId
>;
/** Message id naming a province or the whole area. */
export function scopeMessageId(scope: Province | 'area'): MessageId {
  return SCOPE_MESSAGE_ID[scope];
}

export type MessageParams = Record<string, string | number>;

/** Replaces `{name}` placeholders; an unknown placeholder stays visible so it is noticed, not silently blank. */
function interpolate(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** A message of any dictionary made with `defineMessages`. */
export function translate<M extends Messages>(
  dict: M,
  lang: Lang,
  id: keyof M & string,
  params?: MessageParams,
): string {
  const m = dict[id];
  // Ids are checked at compile time; a bad id built at runtime shows itself instead of crashing the wall.
  return m ? interpolate(m[lang], params) : id;
}

/**
 * Words for a value known only at run time (a state, a kind, a scene) through a typed table from each value to its
 * message id: a value without an entry, or an entry naming no message, fails the type check, so no id is built from a
 * string and cast. `labelsOf(wallMessages)({ heavy: 'state.heavy', … })(lang, f.state)`.
 */
export function labelsOf<M extends Messages>(dict: M) {
  return <const K extends string>(table: Record<K, keyof M & string>) =>
    (lang: Lang, key: K, params?: MessageParams): string =>
      translate(dict, lang, table[key], params);
}

/** Every `{placeholder}` a text names, sorted (for checking both languages of a message name the same ones). */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();
}

/** A shell-wide message in the given language. */
export function t(lang: Lang, id: MessageId, params?: MessageParams): string {
  return translate(messages, lang, id, params);
}
