/** Words of the admin screen's thresholds tab (zh first, en second), kept beside the feature. */
import type { Lang } from '../../../../core/lang';
import { defineMessages, type MessageParams, translate } from '../../../ui/i18n/messages';

export const thresholdsMessages = defineMessages({
  title: { zh: '告警与显示阈值', en: 'Alarm and display thresholds' },
  subtitle: {
    zh: '修改后立即在实时服务生效（告警与负载率着色），每次修改生成新版本，可随时回退。',
    en: 'A change applies at once on the live service (alarms and loading colours); each change is a new version and can be reverted.',
  },
  current: { zh: '当前版本 v{version}', en: 'Current version v{version}' },
  loading: { zh: '正在读取…', en: 'Loading…' },
  'field.heavyLoadingPct': { zh: '重载负载率', en: 'Heavy loading' },
  'field.overloadLoadingPct': { zh: '过载负载率', en: 'Overload' },
  'field.voltageDeviationPct': { zh: '电压偏差', en: 'Voltage deviation' },
  'field.frequencyNominalHz': { zh: '额定频率', en: 'Nominal frequency' },
  'field.frequencyTolerationHz': { zh: '频率允许偏差', en: 'Frequency tolerance' },
  'field.staleAfterMissedIntervals': { zh: '判定失联的漏报周期数', en: 'Stale after missed intervals' },
  'field.holdLastGoodS': { zh: '保持最后有效值时长', en: 'Hold last good value' },
  'unit.pct': { zh: '%', en: '%' },
  'unit.hz': { zh: 'Hz', en: 'Hz' },
  'unit.intervals': { zh: '个周期', en: 'intervals' },
  'unit.s': { zh: '秒', en: 's' },
  note: { zh: '修改说明', en: 'Note' },
  save: { zh: '保存为新版本', en: 'Save as a new version' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  saved: { zh: '已保存为 v{version} 并生效。', en: 'Saved as v{version} and applied.' },
  reverted: {
    zh: '已回退：v{version} 与 v{from} 相同并生效。',
    en: 'Reverted: v{version} equals v{from} and is applied.',
  },
  invalid: { zh: '{field}：{problem}', en: '{field}: {problem}' },
  denied: { zh: '无权限（仅管理员可修改阈值）。', en: 'Not allowed (only administrators change thresholds).' },
  unreachable: { zh: '实时服务不可用：{detail}', en: 'The live service is unreachable: {detail}' },
  rejected: { zh: '被拒绝（HTTP {status}）：{detail}', en: 'Refused (HTTP {status}): {detail}' },
  versions: { zh: '版本记录', en: 'Versions' },
  'col.version': { zh: '版本', en: 'Version' },
  'col.by': { zh: '修改人', en: 'By' },
  'col.at': { zh: '时间', en: 'When' },
  'col.note': { zh: '说明', en: 'Note' },
  'col.values': { zh: '阈值', en: 'Thresholds' },
  revert: { zh: '回退到此版本', en: 'Revert to this' },
  revertOf: { zh: '回退自 v{from}', en: 'reverted from v{from}' },
  areaJson: { zh: '区域配置（area.json）', en: 'area configuration (area.json)' },
});

export type ThresholdsMessageId = keyof typeof thresholdsMessages;

export function thresholdsTr(lang: Lang) {
  return (id: ThresholdsMessageId, params?: MessageParams) => translate(thresholdsMessages, lang, id, params);
}
