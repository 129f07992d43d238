/** The dispatcher's words for outages and switching (zh first, en second). Read with `ot(lang, id, params)`. */
import type { Lang } from '../../../core/lang';
import { defineMessages, type MessageParams, translate } from '../../ui/i18n/messages';

export const outageMessages = defineMessages({
  'list.title': { zh: '停电与开关操作事件', en: 'Outages and switching' },
  'list.scope': {
    zh: '进行中的停电在前，其后为近 24 小时内结束的停电 · 北京时间',
    en: 'In progress first, then those ended in the last 24 h · Beijing time',
  },
  'list.none': { zh: '近 24 小时无停电', en: 'No outage in the last 24 h' },
  'list.waiting': { zh: '等待实时服务的停电信息…', en: "Waiting for the live service's outages…" },
  'list.stale': {
    zh: '实时服务的可靠性数据已 {age} 未更新 · 下列信息可能不是最新',
    en: "The live service's reliability data is {age} old · this list may be out of date",
  },
  'list.inProgress': { zh: '进行中 {n}', en: '{n} in progress' },
  'list.ended': { zh: '已结束 {n}', en: '{n} ended' },
  'col.state': { zh: '状态', en: 'State' },
  'col.feeder': { zh: '馈线', en: 'Feeder' },
  'col.cause': { zh: '原因', en: 'Cause' },
  'col.start': { zh: '开始', en: 'Start' },
  'col.duration': { zh: '历时', en: 'Duration' },
  'col.sections': { zh: '停电区段', en: 'Sections out' },
  'col.customers': { zh: '影响用户', en: 'Customers' },
  'col.customerMinutes': { zh: '停电时户数', en: 'Customer-min' },
  'col.selfHealing': { zh: '自愈', en: 'Self-healing' },

  'state.tripped': { zh: '跳闸', en: 'Tripped' },
  'state.isolated': { zh: '已隔离', en: 'Isolated' },
  'state.restored': { zh: '已转供 · 抢修中', en: 'Restored · repairing' },
  'state.repaired': { zh: '已结束', en: 'Ended' },
  'state.plannedOut': { zh: '计划停电中', en: 'Planned, in progress' },
  'cause.fault': { zh: '故障', en: 'Fault' },
  'cause.planned': { zh: '计划', en: 'Planned' },

  'sections.out': { zh: '{out}/{total} 段停电', en: '{out} of {total} out' },
  'sections.allBack': { zh: '全部恢复', en: 'all back' },
  'healing.yes': { zh: '✓ {time}', en: '✓ {time}' },
  'healing.no': { zh: '✗ 超过 {min} 分钟', en: '✗ over {min} min' },
  'healing.pending': { zh: '进行中', en: 'in progress' },
  'healing.na': { zh: '—', en: '—' },
  cross: { zh: '跨省联络', en: 'cross-province tie' },

  'timeline.title': { zh: '事件时间线', en: 'Timeline' },
  'timeline.trip': {
    zh: '出线开关跳闸 · {sections} 段 {customers} 户停电',
    en: 'Feeder-head breaker tripped · {sections} sections, {customers} customers out',
  },
  'timeline.plannedOpen': {
    zh: '计划停电：开关断开 · {sections} 段 {customers} 户停电',
    en: 'Planned outage: opened · {sections} sections, {customers} customers out',
  },
  'timeline.isolated': {
    zh: '故障定位于第 {section} 段 · 两侧分段开关断开隔离',
    en: 'Fault located in section {section} · switches either side opened to isolate it',
  },
  'timeline.viaUpstream': {
    zh: '第 {section} 段恢复供电（上级电源 · 出线开关合闸）· {customers} 户',
    en: 'Section {section} restored from upstream (head breaker closed) · {customers} customers',
  },
  'timeline.viaTie': {
    zh: '第 {section} 段恢复供电（经 {tie} 联络开关转供{cross}）· {customers} 户',
    en: 'Section {section} restored across the tie from {tie}{cross} · {customers} customers',
  },
  'timeline.crossMark': { zh: ' · 跨省', en: ', cross-province' },
  'timeline.viaRepair': {
    zh: '第 {section} 段抢修完成 · 恢复送电 · {customers} 户',
    en: 'Section {section} repaired and back in service · {customers} customers',
  },
  'timeline.selfHealed': {
    zh: '健全区段全部恢复 · 自愈用时 {time}',
    en: 'Every healthy section back · self-healing took {time}',
  },
  'timeline.repaired': { zh: '停电结束 · 历时 {time}', en: 'Outage over · lasted {time}' },
  'timeline.stillOut': {
    zh: '第 {section} 段仍停电（{customers} 户）',
    en: 'Section {section} still out ({customers} customers)',
  },
  'timeline.minutes': {
    zh: '累计停电时户数 {value} 户·分钟（仅计超过 {min} 分钟的停电）',
    en: '{value} customer-minutes so far (sustained interruptions only, over {min} min)',
  },

  'switches.title': { zh: '开关状态', en: 'Breaker and switches' },
  'switches.basis': {
    zh: '由停电记录推算（{time}）',
    en: 'derived from the outage record ({time})',
  },
  'switches.reported': { zh: '设备遥信 · {time}', en: 'as the feeder reports them · {time}' },
  'switches.noOutage': {
    zh: '近 24 小时该馈线无停电记录 · 开关状态未单独上报',
    en: 'No outage on this feeder in the last 24 h · switch states are not reported on their own',
  },
  'switch.head': { zh: '出线开关', en: 'Feeder-head breaker' },
  'switch.section': { zh: '分段开关 {a}–{b}', en: 'Sectionalising switch {a}–{b}' },
  'switch.tie': { zh: '联络开关 → {tie}', en: 'Tie switch → {tie}' },
  'switch.open': { zh: '○ 分', en: '○ open' },
  'switch.closed': { zh: '● 合', en: '● closed' },
  'switch.normallyOpen': { zh: '（常开）', en: ' (normally open)' },
  'section.energised': { zh: '● 供电', en: '● energised' },
  'section.out': { zh: '○ 停电', en: '○ out' },
  'section.fault': { zh: '✕ 故障隔离', en: '✕ faulted, isolated' },
  'section.tie': { zh: '● 联络转供', en: '● fed across tie' },
  'section.planned': { zh: '⊘ 检修隔离', en: '⊘ isolated for work' },
  'section.name': { zh: '第 {n} 段', en: 'Section {n}' },
  'section.customers': { zh: '{n} 户', en: '{n} customers' },
  'open.feeder': { zh: '打开馈线详情：开关状态、曲线、告警', en: 'Open the feeder: switch states, curves, alarms' },
});

export type OutageMessageId = keyof typeof outageMessages;

export function ot(lang: Lang, id: OutageMessageId, params?: MessageParams): string {
  return translate(outageMessages, lang, id, params);
}
