/** The wall's own words (shell-wide words such as connection states come from src/browser/ui/i18n/messages.ts). */

import type { Lang } from '../../../core/lang';
import { defineMessages, labelsOf, type MessageParams, translate } from '../../ui/i18n/messages';

export const wallMessages = defineMessages({
  // One product title on every screen: the same words as app.title (messages.ts).
  title: { zh: '川渝高竹新区能源大数据监测平台', en: 'Gaozhu New Area Energy Big-Data Monitor' },
  subtitle: { zh: '一个新区 · 一张电网', en: 'one new area, one grid' },
  timeZone: { zh: '北京时间', en: 'Beijing time' },
  'scene.supply': { zh: '保供', en: 'Supply' },
  'scene.transition': { zh: '转型', en: 'Transition' },
  'scene.emobility': { zh: '绿色出行', en: 'E-mobility' },
  'scene.supply.sub': { zh: '电网运行 · 安全可靠供电', en: 'The grid at work, keeping supply reliable' },
  'scene.transition.sub': { zh: '光伏 · 清洁能源 · 减碳', en: 'Sun, clean energy and carbon saved' },
  'scene.emobility.sub': { zh: '电动汽车充电 · 以电代油', en: 'EV charging: electricity instead of petrol' },

  'kpi.load': { zh: '区域用电负荷', en: 'Area load now' },
  'kpi.peak': { zh: '今日峰值 {value} · {time}', en: "Today's peak {value} at {time}" },
  'kpi.consumptionToday': { zh: '今日用电量', en: "Today's consumption" },
  // Power now, under an energy figure: said as now, not as a part of today's energy (其中 read as "of which").
  'kpi.gridImportNow': { zh: '当前网供 {value}', en: 'Grid supplies {value} now' },
  'kpi.pv': { zh: '光伏出力', en: 'Solar PV now' },
  'kpi.pvToday': { zh: '今日发电 {value}', en: 'Today {value}' },
  'kpi.clean': { zh: '清洁能源占比', en: 'Clean-energy share' },
  'kpi.cleanToday': { zh: '今日 {today} · 本地绿电 {local}', en: 'Today {today} · local green {local}' },
  'kpi.co2': { zh: '今日减排 CO₂', en: 'CO₂ avoided today' },
  'kpi.co2Year': { zh: '今年累计 {value}', en: 'This year {value}' },
  'kpi.co2YearAtLeast': { zh: '今年累计 ≥{value}', en: 'This year ≥{value}' },
  'kpi.co2YearBackfill': { zh: '历史回填中 · 部分', en: 'History backfilling · partial' },
  'kpi.co2YearGaps': { zh: '部分月份缺数据 · 部分', en: 'Some months missing · partial' },
  'kpi.co2YearUnavailable': { zh: '今年累计：历史服务不可用', en: 'This year: history unavailable' },
  'kpi.chargers': { zh: '充电桩使用中', en: 'Chargers in use' },
  'kpi.chargersSub': { zh: '共 {total} 个充电接口 · {faulted} 故障', en: 'of {total} connectors · {faulted} faulted' },

  waiting: { zh: '等待数据', en: 'Waiting for data' },
  delayedNote: { zh: '数据延迟 · {who} · 截至 {time}', en: 'Data delayed · {who} · as of {time}' },
  delayedNoTime: { zh: '数据延迟 · {who} · 无数据', en: 'Data delayed · {who} · no data yet' },
  delayedShort: { zh: '数据延迟', en: 'Data delayed' },
  delayedService: {
    zh: '数据延迟 · 实时服务无响应 · 截至 {time}',
    en: 'Data delayed · live service silent · as of {time}',
  },
  historyUnavailable: { zh: '历史服务不可用', en: 'History unavailable' },
  countedSince: { zh: '自 {time} 起统计', en: 'counted since {time}' },
  'kind.feeder': { zh: '馈线', en: 'feeders' },
  'kind.pv': { zh: '光伏', en: 'PV sites' },
  'kind.charger': { zh: '充电站', en: 'charging stations' },
  'kind.substation': { zh: '变电站', en: 'substations' },

  bannerLost: {
    zh: '实时数据连接中断 · 最后数据 {time} · 正在自动重连',
    en: 'Live data connection lost · last data {time} · reconnecting',
  },
  bannerNever: { zh: '正在连接实时数据…', en: 'Connecting to live data…' },
  freshAll: { zh: '{live}/{total} 台设备实时', en: '{live}/{total} devices live' },
  // The live figures stopped (their service, or the connection to it): the device counts are as of then.
  freshStopped: { zh: '实时数据中断 · 设备状态截至 {time}', en: 'Live data stopped · devices as of {time}' },

  'supply.schematic': {
    zh: '一张网：220kV → 110kV 双链 → 10kV 馈线',
    en: 'One grid: 220 kV → 110 kV double chain → 10 kV feeders',
  },
  'supply.dayLoad': { zh: '区域负荷 今日 vs 昨日', en: 'Area load, today vs yesterday' },
  'supply.top': { zh: '负载率最高的 10 条馈线', en: 'Ten most loaded feeders' },
  'supply.alarms': { zh: '重过载', en: 'Heavy / overloaded' },
  'supply.noAlarms': { zh: '全部馈线正常', en: 'All feeders normal' },
  'supply.acked': { zh: '已确认', en: 'acknowledged' },
  'supply.ackedAt': { zh: '已确认 {time}', en: 'acknowledged {time}' },

  'rel.title': { zh: '供电可靠性 · {year} 年累计', en: 'Supply reliability, {year} to date' },
  'rel.titleNoYear': { zh: '供电可靠性', en: 'Supply reliability' },
  'rel.basis': { zh: '含计划停电 · 停电超 {min} 分钟计入', en: 'incl. planned · interruptions over {min} min count' },
  'rel.rs1': { zh: '供电可靠率', en: 'Reliability RS-1' },
  'rel.saidi': { zh: '户均停电时间', en: 'Outage time per customer' },
  'rel.selfHealed': { zh: '故障自愈', en: 'Faults self-healed' },
  'rel.meanHealing': { zh: '平均自愈恢复时间', en: 'Mean self-healing time' },
  'rel.targetMin': { zh: '目标 ≥ {value}', en: 'target ≥ {value}' },
  'rel.targetMax': { zh: '全年目标 ≤ {value}', en: 'target ≤ {value}/yr' },
  'rel.noTarget': { zh: '目标 —', en: 'target —' },
  'rel.meets': { zh: '✓ 达标', en: '✓ on target' },
  'rel.misses': { zh: '✗ 未达标', en: '✗ off target' },
  'rel.faultsOf': { zh: '/ {faults} 次故障', en: 'out of {faults}' },
  'rel.noFaults': { zh: '今年无故障', en: 'no fault this year' },
  'rel.healingSub': { zh: '跳闸 → 健全区段恢复供电', en: 'trip → healthy sections back' },
  'rel.unit.min': { zh: '分钟', en: 'min' },
  'rel.unit.s': { zh: '秒', en: 's' },
  'rel.unit.h': { zh: '小时', en: 'h' },
  'rel.waiting': { zh: '等待可靠性数据', en: 'Waiting for reliability data' },
  'rel.stale': {
    zh: '可靠性数据延迟 · 截至 {time}',
    en: 'Reliability data delayed · as of {time}',
  },
  'rel.outagesStale': { zh: '停电信息可能不是最新', en: 'outage list may be out of date' },
  'rel.none': { zh: '当前无停电', en: 'No outage now' },
  'rel.section': { zh: '第 {n} 段', en: 'section {n}' },
  'rel.sections': { zh: '第 {list} 段', en: 'sections {list}' },
  'rel.tripped': {
    zh: '⚡ {feeder} 跳闸 · {out} 段停电 · 故障定位中',
    en: '⚡ {feeder} tripped · {out} sections out · locating the fault',
  },
  'rel.isolated': {
    zh: '✕ {feeder} {fault}故障已隔离 · 恢复供电中（{out} 段停电）',
    en: '✕ {feeder} {fault} faulted, isolated · restoring ({out} sections out)',
  },
  'rel.restored': {
    zh: '↻ {feeder} 已自愈：{back} 段恢复供电{via} · {fault}抢修中',
    en: '↻ {feeder} self-healed: {back} sections back{via} · {fault} in repair',
  },
  'rel.plannedOut': { zh: '⏸ {feeder} 计划停电 · {out} 段', en: '⏸ {feeder} planned outage · {out} sections' },
  'rel.via': { zh: '（经 {tie} 联络{cross}）', en: ' via the tie from {tie}{cross}' },
  'rel.cross': { zh: '·跨省', en: ' (cross-province)' },
  'rel.more': { zh: '另有 {n} 起', en: '{n} more' },
  'rel.legendOut': { zh: '停电区段', en: 'Out' },
  'rel.legendTie': { zh: '联络转供', en: 'Via tie' },
  'rel.label.out': { zh: '停电', en: 'Out' },
  'rel.label.tie': { zh: '联络转供', en: 'Tie' },
  today: { zh: '今日', en: 'Today' },
  yesterday: { zh: '昨日', en: 'Yesterday' },
  peak: { zh: '峰值', en: 'Peak' },
  'state.normal': { zh: '正常', en: 'Normal' },
  'state.heavy': { zh: '重载', en: 'Heavy' },
  'state.overload': { zh: '过载', en: 'Overload' },
  'state.noData': { zh: '无实时数据', en: 'No live data' },

  'transition.pvCurve': { zh: '光伏出力 今日 vs 昨日', en: 'Solar PV, today vs yesterday' },
  'transition.gauge': { zh: '清洁能源占比（含电网清洁电力）', en: "Clean share, incl. the grid's clean power" },
  'transition.now': { zh: '当前', en: 'Now' },
  'transition.todaySoFar': { zh: '今日', en: 'Today' },
  'transition.target': { zh: '{year} 年目标 {pct}', en: '{year} target {pct}' },
  'transition.localGreen': { zh: '本地绿电', en: 'Local green' },
  'transition.carbon': { zh: '光伏减排', en: 'Saved by solar' },
  'transition.co2': { zh: '减排 CO₂ 今日', en: 'CO₂ avoided today' },
  'transition.coal': { zh: '节约标准煤 今日', en: 'Standard coal saved today' },
  // Coal saved and CO₂ avoided sit side by side on different bases: say so under the coal figure.
  'transition.coalBasis': {
    zh: '按火电煤耗 {gce} gce/kWh（{year}）；CO₂ 按电网因子，口径不同',
    en: 'coal-plant average {gce} gce/kWh ({year}); CO₂ uses the grid factor',
  },
  'hero.title': { zh: '新区一张网 · 能量流', en: 'The new area, one grid: energy flow' },
  'hero.schematicNote': { zh: '示意图 · 非实际地理边界', en: 'Schematic, not surveyed boundaries' },
  'hero.mapAria': {
    zh: '川渝高竹新区示意地图：四川、重庆两部分，变电站与线路的实时状态',
    en: 'Schematic map of the new area: the Sichuan and Chongqing parts, stations and feeders live',
  },
  'hero.border': { zh: '川渝省界', en: 'Provincial border' },
  'hero.counts': { zh: '光伏 {pv} 处 {mwp} MWp', en: '{pv} PV sites, {mwp} MWp' },
  'hero.chargingStations': { zh: '充电站 {n} 座', en: '{n} charging stations' },
  'hero.out': { zh: '停电', en: 'Outage' },
  'hero.pv': { zh: '光伏', en: 'Solar PV' },
  'hero.consumption': { zh: '新区用电', en: 'Area consumption' },
  'hero.ev': { zh: '其中电动汽车充电', en: 'of which EV charging' },
  'hero.evValue': { zh: '{value}（{pct}%）', en: '{value} ({pct} %)' },
  'hero.gridImport': { zh: '电网输入', en: 'From the grid' },
  'hero.gridExport': { zh: '余电返送电网', en: 'Surplus to the grid' },
  'transition.provinces': { zh: '川渝同网 · 今日对比', en: 'Sichuan and Chongqing, today side by side' },
  'transition.pvToday': { zh: '光伏发电', en: 'PV generation' },
  'transition.consumption': { zh: '用电量', en: 'Consumption' },
  'transition.clean': { zh: '清洁能源占比', en: 'Clean share' },
  'transition.co2p': { zh: '光伏减排 CO₂', en: 'CO₂ avoided by PV' },
  // The year under the value is the factor's (the latest published), not the data's.
  'transition.ef': { zh: '电网因子', en: 'Grid EF' },

  'ev.grid': { zh: '每个充电接口的实时状态', en: 'Every connector, live' },
  'ev.charging': { zh: '充电中', en: 'Charging' },
  'ev.available': { zh: '空闲', en: 'Available' },
  'ev.faulted': { zh: '故障', en: 'Faulted' },
  // Out of service or without supply (its feeder section is out).
  'ev.unavailable': { zh: '不可用', en: 'Unavailable' },
  'ev.unknown': { zh: '无实时数据', en: 'No live data' },
  'ev.power': { zh: '充电功率 今日 vs 昨日', en: 'Charging power, today vs yesterday' },
  'ev.today': { zh: '今日充电', en: 'Charging today' },
  'ev.sessions': { zh: '今日充电次数', en: 'Sessions today' },
  'ev.energy': { zh: '今日充电量', en: 'Energy charged today' },
  'ev.co2': { zh: '以电代油 今日减排 CO₂', en: 'CO₂ avoided by going electric today' },
  'ev.km': { zh: '相当于电动行驶 {km}', en: 'equivalent to {km} driven electric' },
  // Two lines at most under the figure, in both languages (tests/e2e/wall-copy-fit.test.ts).
  'ev.assumptions': {
    zh: '轿车 {kwh} kWh 对汽油 {l} L/100km · 公交场站 {bkwh} kWh 对柴油 {bl} L/100km · {kg} / {bkg} kg CO₂/L · 已扣充电的电网排放（川 {efsc}、渝 {efcq} kg/kWh）',
    en: 'Cars {kwh} kWh vs {l} L petrol/100 km · bus depots {bkwh} kWh vs {bl} L diesel/100 km · {kg} / {bkg} kg CO₂/L · less grid CO₂ of charging ({efsc} / {efcq} kg/kWh)',
  },
  // The history keeps no session counts: the live service counts from when it first saw the stations. One line.
  'ev.sessionsSince': { zh: '仅自 {time} 起统计', en: 'counted since {time} only' },

  panelRestarting: { zh: '此面板正在自动恢复…', en: 'This panel is restarting…' },
  'chrome.overview': { zh: '返回概览', en: 'Overview' },
  'chrome.pause': { zh: '暂停轮播', en: 'Pause rotation' },
  'chrome.play': { zh: '继续轮播', en: 'Resume rotation' },
  unavailable: { zh: '不可用', en: 'unavailable' },
});

export type WallMessageId = keyof typeof wallMessages;

export function tw(lang: Lang, id: WallMessageId, params?: MessageParams): string {
  return translate(wallMessages, lang, id, params);
}

const wallLabels = labelsOf(wallMessages);

/** Words of a feeder's loading state. */
export const loadingStateLabel = wallLabels({
  normal: 'state.normal',
  heavy: 'state.heavy',
  overload: 'state.overload',
});
/** Words of a device kind ("feeders", "PV sites" …) in a delayed note. */
export const deviceKindLabel = wallLabels({
  feeder: 'kind.feeder',
  pv: 'kind.pv',
  charger: 'kind.charger',
  substation: 'kind.substation',
});
/** A scene's name and its one-line description. */
export const sceneLabel = wallLabels({
  supply: 'scene.supply',
  transition: 'scene.transition',
  emobility: 'scene.emobility',
});
export const sceneSubLabel = wallLabels({
  supply: 'scene.supply.sub',
  transition: 'scene.transition.sub',
  emobility: 'scene.emobility.sub',
});
