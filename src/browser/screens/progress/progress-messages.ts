/** Words of the progress screen (zh first, en second), kept beside the feature. */
import type { Lang } from '../../../core/lang';
import type { HistoryErrorKind } from '../../history/history-client';
import { defineMessages, type MessageParams, translate } from '../../ui/i18n/messages';
import type { DisplayStep, PeriodFromUrl, PeriodKind } from './period';
import type { CsvKind } from './progress-csv';
import type { FigureId } from './progress-figures';

export const progressMessages = defineMessages({
  title: { zh: '低碳发展进展', en: 'Low-carbon progress' },
  subtitle: {
    zh: '用电、光伏、清洁能源占比与碳排放',
    en: 'consumption, PV, clean share and CO₂',
  },

  'period.day': { zh: '日', en: 'Day' },
  'period.week': { zh: '周', en: 'Week' },
  'period.month': { zh: '月', en: 'Month' },
  'period.year': { zh: '年', en: 'Year' },
  'period.custom': { zh: '自定义', en: 'Custom' },
  'period.picker': { zh: '统计周期', en: 'Period' },
  'period.previous': { zh: '上一期', en: 'Previous' },
  'period.next': { zh: '下一期', en: 'Next' },
  'period.current': { zh: '本期', en: 'Current' },
  'period.from': { zh: '起', en: 'From' },
  'period.to': { zh: '止', en: 'To' },
  'period.apply': { zh: '应用', en: 'Apply' },
  'period.weekLabel': { zh: '{year}年第{week}周', en: 'Week {week}, {year}' },
  'period.monthLabel': { zh: '{year}年{month}月', en: '{year}-{mm}' },
  'period.yearLabel': { zh: '{year}年', en: '{year}' },
  'period.toDate': { zh: '截至 {time}', en: 'to {time}' },
  'period.vsLastYear': { zh: '对比去年同期 {range}', en: 'vs same period last year {range}' },
  'period.bad-date': {
    zh: '网址中的日期无效，已显示当前周期。',
    en: 'The date in the address is invalid; showing the current period.',
  },
  'period.bad-custom': {
    zh: '自定义周期无效（起止日期需为 YYYY-MM-DD 且起 ≤ 止），已显示本月。',
    en: 'Invalid custom period (dates must be YYYY-MM-DD, from ≤ to); showing this month.',
  },
  'period.custom-too-long': {
    zh: '自定义周期过长，已截至起始后 5 年。',
    en: 'Custom period too long; cut to 5 years from its start.',
  },
  'period.future': { zh: '该周期尚未开始，没有数据。', en: 'This period has not started yet: no data.' },

  'action.csvDetail': { zh: '导出明细 CSV', en: 'Export detail CSV' },
  'action.csvSummary': { zh: '导出汇总 CSV', en: 'Export summary CSV' },
  'action.print': { zh: '打印 / PDF', en: 'Print / PDF' },
  'action.png': { zh: '导出 PNG', en: 'Export PNG' },
  'action.retry': { zh: '重试', en: 'Retry' },
  'action.reload': { zh: '刷新', en: 'Reload' },
  'action.csvNote': {
    zh: 'CSV 由页面根据所示数据生成（历史服务能量数据 + 本页因子计算）。',
    en: 'CSV built in the browser from the data shown (service energies + the factors on this page).',
  },

  'state.loading': { zh: '正在从历史服务读取 {range} 的数据…', en: 'Reading {range} from the history service…' },
  'state.updating': { zh: '正在更新…', en: 'Updating…' },
  'state.unreachable': {
    zh: '无法连接历史服务（{url}）。数据暂不可用，请确认服务已启动后重试。',
    en: 'The history service ({url}) cannot be reached. Check that it is running, then retry.',
  },
  'state.badRequest': { zh: '历史服务拒绝了请求：{message}', en: 'The history service refused the request: {message}' },
  'state.invalid': {
    zh: '历史服务返回的数据与接口约定不符：{message}',
    en: 'The history service answered outside its contract: {message}',
  },
  'state.httpError': { zh: '历史服务出错：{message}', en: 'History service error: {message}' },
  'state.empty': { zh: '所选周期（{range}）没有历史数据。', en: 'No history for the selected period ({range}).' },
  'state.emptyCoverage': {
    zh: '历史服务的记录范围：{from} 至 {to}。',
    en: 'The history service holds data from {from} to {to}.',
  },
  'state.noCoverage': { zh: '历史服务尚无任何记录。', en: 'The history service holds no data yet.' },
  'state.capped': {
    zh: '请求范围过大，历史服务只返回了部分数据：{reason}',
    en: 'Range too large: the history service returned part of it: {reason}',
  },
  'state.backfill': {
    zh: '历史数据回填中（已至 {time}），较早的数据可能暂缺。',
    en: 'History backfill in progress (done to {time}); older data may still be missing.',
  },
  'state.partialCurrent': {
    zh: '本期数据不完整：{covered}/{elapsed} 个{unit}有数据。',
    en: 'This period is incomplete: {covered} of {elapsed} {unit} have data.',
  },
  'state.partialLastYear': {
    zh: '去年同期数据仅覆盖 {covered}/{elapsed} 个{unit}，不计算同比。',
    en: 'Last year covers only {covered} of {elapsed} {unit}: no year-on-year change is shown.',
  },
  'unit.1h': { zh: '小时', en: 'hours' },
  'unit.1d': { zh: '天', en: 'days' },
  'unit.1mo': { zh: '月', en: 'months' },

  'kpi.consumption': { zh: '用电量', en: 'Consumption' },
  'kpi.pv': { zh: '光伏发电量', en: 'PV generation' },
  'kpi.gridImport': { zh: '网供电量', en: 'Grid import' },
  'kpi.cleanShare': { zh: '清洁能源占比', en: 'Clean-energy share' },
  'kpi.localGreenShare': { zh: '本地绿电占比', en: 'Local green share' },
  'kpi.co2Emitted': {
    zh: '二氧化碳排放（范围二：净网供电量 × EF）',
    en: 'CO₂ emitted (scope 2: net grid import × EF)',
  },
  'kpi.co2AvoidedByPv': { zh: '光伏减碳', en: 'CO₂ avoided by PV' },
  'kpi.evEnergy': { zh: '电动汽车充电量', en: 'EV charging energy' },
  'kpi.evNetCo2Avoided': { zh: '电能替代净减碳', en: 'EV substitution, net CO₂ avoided' },
  'kpi.coalSaved': { zh: '节约标准煤', en: 'Standard coal saved' },
  'kpi.lastYear': { zh: '去年同期 {value}', en: 'Last year {value}' },
  'kpi.noComparison': { zh: '无同比', en: 'no YoY' },
  'kpi.budgetToDate': {
    zh: '按时间进度的预算 {budget}，实际为其 {pct}',
    en: 'Budget to date {budget}; actual is {pct} of it',
  },
  'kpi.evDetail': {
    zh: '约 {km} km · 替代汽油 {litres} L',
    en: '≈ {km} km · {litres} L petrol replaced',
  },
  'kpi.evDetailBus': {
    zh: '约 {km} km · 替代汽油 {litres} L、柴油 {diesel} L',
    en: '≈ {km} km · {litres} L petrol and {diesel} L diesel replaced',
  },
  'kpi.target': { zh: '目标 {value}', en: 'Target {value}' },

  'table.title': { zh: '四川、重庆分项对比', en: 'Sichuan and Chongqing side by side' },
  'table.figure': { zh: '指标', en: 'Figure' },
  'table.current': { zh: '本期', en: 'This period' },
  'table.lastYear': { zh: '去年同期', en: 'Last year' },
  'table.change': { zh: '同比', en: 'YoY' },
  'table.factor': { zh: '因子', en: 'Factor' },

  'chart.energy': { zh: '{scope}：用电量、网供电量与光伏', en: '{scope}: consumption, grid import and PV' },
  'chart.cleanShare': { zh: '清洁能源占比与目标', en: 'Clean-energy share against target' },
  'chart.co2': { zh: '累计碳排放与年度预算进度', en: 'Cumulative CO₂ against the annual budget path' },
  'chart.target': { zh: '目标', en: 'Target' },
  // Month axis labels (the year is added as digits when a chart spans years).
  'month.1': { zh: '1月', en: 'Jan' },
  'month.2': { zh: '2月', en: 'Feb' },
  'month.3': { zh: '3月', en: 'Mar' },
  'month.4': { zh: '4月', en: 'Apr' },
  'month.5': { zh: '5月', en: 'May' },
  'month.6': { zh: '6月', en: 'Jun' },
  'month.7': { zh: '7月', en: 'Jul' },
  'month.8': { zh: '8月', en: 'Aug' },
  'month.9': { zh: '9月', en: 'Sep' },
  'month.10': { zh: '10月', en: 'Oct' },
  'month.11': { zh: '11月', en: 'Nov' },
  'month.12': { zh: '12月', en: 'Dec' },
  'rel.title': { zh: '供电可靠性 · {year}年逐月', en: 'Supply reliability · {year} month by month' },
  'rel.loading': { zh: '正在读取{year}年的停电记录…', en: 'Reading the outage records of {year}…' },
  'rel.error': { zh: '无法读取供电可靠性：{message}', en: 'Supply reliability could not be read: {message}' },
  'rel.notRecorded': {
    zh: '历史服务在{year}年没有记录到实时服务（停电记录由它发布），因此无法给出可靠性指标。',
    en: 'The history did not record the live service in {year} (it publishes the outage records): no reliability figure can be stated.',
  },
  'rel.noCustomers': {
    zh: '区域配置中没有用户数（馈线分段），户均指标无法计算。',
    en: 'The area configuration has no customer counts (feeder sections): the per-customer indicators cannot be computed.',
  },
  'rel.noOutage': {
    zh: '{year}年至今未记录到停电（已记录本年 {pct} 的时间）：在已记录的时间内供电可靠率为 100%。',
    en: 'No outage recorded in {year} so far ({pct} of the year recorded): RS-1 is 100 % over the time recorded.',
  },
  'rel.partialYear': {
    zh: '历史服务只记录了{year}年 {pct} 的时间：指标只含已记录时间内的停电，不作达标判断。',
    en: 'The history recorded {pct} of {year}: the figures hold the outages of the time recorded only, and are not judged against the targets.',
  },
  'rel.limited': {
    zh: '本年停电记录过多，仅读取了部分记录。',
    en: 'The year holds more outage records than one answer reads: the figures use part of them.',
  },
  'rel.kpi.rs1': { zh: '供电可靠率 RS-1（本年至今）', en: 'RS-1 supply reliability (year to date)' },
  'rel.kpi.saidi': { zh: '户均停电时间 SAIDI（本年至今）', en: 'SAIDI minutes per customer (year to date)' },
  'rel.kpi.selfHealed': { zh: '故障自愈（本年至今）', en: 'Faults self-healed (year to date)' },
  'rel.kpi.unplanned': { zh: '不含计划停电', en: 'Faults only (planned excluded)' },
  'rel.target': { zh: '目标 {value}', en: 'target {value}' },
  'rel.targetShare': {
    zh: '至今目标份额 {value}（全年 {year} 目标 {annual}）',
    en: 'target to date {value} (year {year}: {annual})',
  },
  'rel.noTarget': { zh: '未设定目标', en: 'no target set' },
  'rel.met': { zh: '达标', en: 'on target' },
  'rel.missed': { zh: '未达标', en: 'off target' },
  'rel.selfHealedValue': {
    zh: '{healed} / {faults} 次，平均恢复 {mean}',
    en: '{healed} of {faults}, mean restoration {mean}',
  },
  'rel.col.month': { zh: '月份', en: 'Month' },
  'rel.col.recorded': { zh: '已记录', en: 'Recorded' },
  'rel.col.rs1': { zh: '供电可靠率 RS-1 (%)', en: 'RS-1 (%)' },
  'rel.col.saidi': { zh: '户均停电时间 SAIDI (分钟/户)', en: 'SAIDI (min per customer)' },
  'rel.col.target': { zh: '目标', en: 'Target' },
  'rel.col.saifi': { zh: 'SAIFI (次/户)', en: 'SAIFI (per customer)' },
  'rel.col.caidi': { zh: 'CAIDI (分钟)', en: 'CAIDI (min)' },
  'rel.col.momentary': { zh: '短时停电 (户次)', en: 'Momentary (customers)' },
  'rel.col.faults': { zh: '故障 / 自愈', en: 'Faults / self-healed' },
  'rel.col.meanHealing': { zh: '平均自愈时间', en: 'Mean self-healing' },
  'rel.ytd': { zh: '本年至今', en: 'Year to date' },
  'rel.notRecordedCell': { zh: '未记录', en: 'not recorded' },
  'rel.partial': { zh: '部分', en: 'partial' },
  'rel.note.definitions': {
    zh: '按 DL/T 836.1 / IEEE 1366 计算：仅计持续停电（超过 {limit} 分钟）；不超过 {limit} 分钟的短时停电（如自愈恢复的健全区段）单独计数。SAIDI = Σ(户数×停电分钟)/总户数，SAIFI = Σ停电户次/总户数，CAIDI = SAIDI/SAIFI，RS-1 = (1 − SAIDI/统计期分钟) × 100%。总户数 {customers}（区域配置各馈线分段之和）。跨月停电的时间分摊到各月，户次计入开始的月份。',
    en: 'Per DL/T 836.1 / IEEE 1366: sustained interruptions only (longer than {limit} min); momentary ones (≤ {limit} min, e.g. healthy sections restored by self-healing) are counted apart. SAIDI = Σ(customers × minutes out) / customers served, SAIFI = Σ customers interrupted / customers served, CAIDI = SAIDI / SAIFI, RS-1 = (1 − SAIDI / period minutes) × 100 %. Customers served {customers} (Σ of the feeder sections in the area configuration). An outage across months has its minutes split; its interruptions count in the month it began.',
  },
  'rel.note.recorded': {
    zh: '“已记录”为历史服务接收实时服务数据的时间占比；未记录的月份不给出指标，部分记录的月份只反映已记录时间内的停电。',
    en: '"Recorded" is the share of the period in which the history received the live service; months not recorded show no figure, partly recorded ones only the outages of the time recorded.',
  },
  'rel.note.saidiTarget': {
    zh: '户均停电时间目标为全年值，各月按时长分摊。目标来源：{source}',
    en: 'The SAIDI target is per customer-year; each month is held against its share by length. Targets: {source}',
  },
  'rel.note.reference': {
    zh: '参考：{year}年全国10千伏用户平均供电可靠率 {rs1}（城网 {urban}，农网 {rural}），用户平均停电时间 {saidiH} 小时/户。来源：{source}',
    en: 'For reference: national 10 kV average RS-1 in {year} {rs1} (urban grid {urban}, rural {rural}), average interruption {saidiH} h per customer. Source: {source}',
  },
  'rel.chart.saidi': { zh: '户均停电时间 SAIDI 逐月（分钟/户）', en: 'SAIDI by month (min per customer)' },
  'rel.chart.rs1': { zh: '供电可靠率 RS-1 逐月', en: 'RS-1 by month' },
  'rel.chart.saidiTarget': { zh: '目标（按月分摊）', en: 'Target (monthly share)' },
  'rel.chart.rs1Target': { zh: '目标', en: 'Target' },
  'rel.csv': { zh: '导出可靠性 CSV', en: 'Export reliability CSV' },
  'chart.budget': { zh: '预算进度', en: 'Budget path' },
  'chart.targetInterpolated': {
    zh: '部分年份目标为相邻年份间线性插值。',
    en: "Some years' targets are interpolated between configured years.",
  },

  'print.printedAt': { zh: '打印于 {time}（北京时间）', en: 'Printed {time} (Beijing time)' },
  'path.title': { zh: '双碳路径 {from}–{to}', en: 'Dual-carbon path {from}–{to}' },
  'path.chartTitle': {
    zh: '清洁能源占比与 CO₂ 预算：逐年目标与实测',
    en: 'Clean share and CO₂ budget: yearly targets and measured',
  },
  'path.cleanMeasured': { zh: '清洁占比（实测）', en: 'Clean share (measured)' },
  'path.cleanTarget': { zh: '清洁占比目标', en: 'Clean-share target' },
  'path.co2Measured': { zh: 'CO₂ 排放（实测，当年至今）', en: 'CO₂ emitted (measured, year to date)' },
  'path.co2Budget': { zh: 'CO₂ 年度预算', en: 'CO₂ annual budget' },
  'path.zeroCarbon': { zh: '零碳 {year}', en: 'Zero carbon {year}' },
  'path.loading': { zh: '正在加载各年度实测…', en: 'Loading the measured years…' },
  'path.error': { zh: '各年度实测不可用：{message}', en: 'Measured years unavailable: {message}' },
  'path.noData': {
    zh: '历史数据尚未覆盖任何目标年份：仅显示目标。',
    en: 'The history covers no target year yet: targets only.',
  },
  'path.col.year': { zh: '年份', en: 'Year' },
  'path.col.cleanTarget': { zh: '清洁占比目标', en: 'Clean-share target' },
  'path.col.cleanMeasured': { zh: '实测', en: 'Measured' },
  'path.col.cleanStatus': { zh: '清洁占比', en: 'Clean share' },
  'path.col.budget': { zh: '年度预算', en: 'Annual budget' },
  'path.col.used': { zh: '已排放', en: 'Emitted' },
  'path.col.proRata': { zh: '同期预算', en: 'Budget to date' },
  'path.col.budgetStatus': { zh: '预算使用', en: 'Budget used' },
  'path.col.coverage': { zh: '数据覆盖', en: 'Data coverage' },
  'path.met': { zh: '✓ 达标（+{gap} 个百分点）', en: '✓ on target (+{gap} pts)' },
  'path.below': { zh: '▼ 低于目标 {gap} 个百分点', en: '▼ below target by {gap} pts' },
  'path.within': { zh: '✓ {pct} 未超', en: '✓ {pct} within' },
  'path.over': { zh: '▲ {pct} 超出预算', en: '▲ {pct} over budget' },
  'path.interpolated': { zh: '（插值）', en: ' (interpolated)' },
  'path.note': {
    zh: '当年至今：排放与同一批已记录日的按日分摊预算相比（预算按全年均匀分摊）；清洁占比为已记录日的合计。',
    en: "Year to date: CO₂ is compared with the budget spread evenly over the year, for the same recorded days; the clean share is of those days' totals.",
  },

  'factor.ef': {
    zh: 'EF {name} {value} kg/kWh（{year}，{source}）',
    en: 'EF {name} {value} kg/kWh ({year}, {source})',
  },
  'factor.areaSum': {
    zh: '全区 = 四川 + 重庆，各按本省因子计算',
    en: 'Area = Sichuan + Chongqing, each with its own factor',
  },
  'factor.clean': {
    zh: 'c = 1 − EF/EF化石，EF化石 {value} kg/kWh（{year}）',
    en: 'c = 1 − EF/EF_fossil, EF_fossil {value} kg/kWh ({year})',
  },
  'factor.coal': { zh: '{value} gce/kWh（{year}，{source}）', en: '{value} gce/kWh ({year}, {source})' },
  'factor.ev': {
    zh: '{kwh} kWh/100km，汽油 {l} L/100km，{kg} kg CO₂/L（{year}，假设值）',
    en: '{kwh} kWh/100 km, petrol {l} L/100 km, {kg} kg CO₂/L ({year}, assumptions)',
  },
  'factor.metered': { zh: '计量值（累计电量表）', en: 'Metered (cumulative registers)' },
  'factor.title': { zh: '口径与因子', en: 'Definitions and factors' },
  'factor.budget': {
    zh: '年度碳预算 {budget}（{year}），按时间均摊',
    en: 'Annual CO₂ budget {budget} ({year}), spread evenly over the year',
  },
  'factor.source': { zh: '来源', en: 'Source' },
  'method.scope2': {
    zh: '范围二排放 = 净网供电量 × 本省电网平均排放因子。净网供电量为 10 kV 馈线出口计量的下网电量减去上网（光伏倒送）电量；不含 220 kV 进线至馈线出口之间的线路和变压器损耗，故略低于 220 kV 关口电量。',
    en: "Scope 2 = net grid import × the province's grid-average EF. Net grid import is the energy metered at the 10 kV feeder heads, imports minus exports (PV fed back); it leaves out the line and transformer losses between the 220 kV intake and the feeder heads, so it reads a little below the 220 kV intake meters.",
  },
  'method.coalVsCo2': {
    zh: '“节约标准煤”与“光伏减碳”口径不同：前者按火电厂平均供电煤耗 {gce} gce/kWh（{coalYear}）折算，即把每千瓦时光伏视为替代一千瓦时燃煤发电；后者按本省电网平均排放因子（四川以水电为主，{efsc} kg/kWh；重庆 {efcq} kg/kWh）计算。两者回答不同的问题，不能互相换算。',
    en: '"Standard coal saved" and "CO₂ avoided by PV" are on different bases: coal saved uses the thermal plants\' average coal rate, {gce} gce/kWh ({coalYear}), as if each PV kWh replaced a coal-fired kWh; CO₂ avoided uses the province\'s grid-average factor (Sichuan, mostly hydro, {efsc} kg/kWh; Chongqing {efcq} kg/kWh). They answer different questions and do not convert into each other.',
  },
  'method.factorYear': {
    zh: '排放因子采用已发布的最新年份（{efYear} 年），用于 {dataYear} 年的数据；新的因子发布后在配置中更新。',
    en: 'The emission factors are the latest published ({efYear}), applied to {dataYear} data; they are updated in the configuration when newer ones are published.',
  },
  'method.evBus': {
    zh: '电能替代分站型计算：公交场站自身计量的充电电量按电动公交 {bkwh} kWh/100km 替代柴油公交 {bl} L/100km，其余充电电量按乘用车替代汽油车，与大屏实时数据口径一致。',
    en: "EV substitution by station type: the bus depots' own metered charging drives e-buses at {bkwh} kWh/100 km against diesel buses at {bl} L/100 km; all other charging, passenger cars against petrol — as on the wall.",
  },
  'method.pvReplayYield': {
    zh: '演示数据回放实测光伏电站时，其出力按每千瓦峰值年发电 {value} kWh 缩放（四川盆地屋顶光伏的典型年发电量；{source}，{year}）：所回放的电站位于高海拔寒冷地区，原始年发电量约为盆地的 1.8 倍。',
    en: "When the demonstration data replay the measured PV plant, its output is scaled to {value} kWh per kWp a year (typical of rooftop PV in the Sichuan basin; {source}, {year}): the replayed plant is a high, cold site yielding about 1.8 times the basin's.",
  },
  'method.pvReplayYieldName': { zh: '光伏回放年发电量', en: 'PV replay yield' },
  'method.unconfirmed': {
    zh: '* 标记的来源尚未与原始发布文件核对（{names}），发布前须核实。',
    en: '* marks a source not yet checked against the primary publication ({names}): verify before publishing.',
  },
  'losses.today': {
    zh: '今日输配损耗（实时{counted}，截至 {time}）：220 kV 受入至 10 kV 馈线出口 {kwh}，占受入电量 {pct}。网供电量按馈线出口计量，不含此损耗。',
    en: 'Losses today (live{counted}, as of {time}): {kwh} between the 220 kV intake and the 10 kV feeder heads, {pct} of the intake. Grid import is metered at the feeder heads and excludes them.',
  },
  'losses.countedSince': { zh: '，自 {time} 起计', en: ', counted since {time}' },
  'losses.notComputable': {
    zh: '今日输配损耗：无法计算（{reason}）。网供电量按馈线出口计量，不含 220 kV 受入至馈线出口之间的变压器和线路损耗。',
    en: 'Losses today: not computable ({reason}). Grid import is metered at the feeder heads and excludes the transformer and line losses between the 220 kV intake and them.',
  },
  'losses.reason.intake-missing': { zh: '220 kV 受入无实时值', en: 'no live 220 kV intake value' },
  'losses.reason.feeder-missing': { zh: '有馈线无实时值', en: 'a feeder has no live value' },
  'losses.reason.inconsistent': {
    zh: '受入低于馈线出口之和，读数不一致',
    en: 'intake below the feeder heads: readings disagree',
  },
  'losses.reason.none': { zh: '实时服务未发布', en: 'not published by the live service' },
  'losses.reason.notCounted': { zh: '今日尚无可计算的时刻', en: 'no computable instant today yet' },
  'factor.dataSource': {
    zh: '数据：历史服务 {url}（能量取自累计电量表，时间为 Asia/Shanghai）。生成于 {time}。',
    en: 'Data: history service {url} (energies from cumulative registers, times in Asia/Shanghai). Generated {time}.',
  },
});

export type ProgressMessageId = keyof typeof progressMessages;

// Ids chosen at run time go through these tables, so a kind, figure or step without words is a type error.

export const PERIOD_KIND_LABEL: Record<PeriodKind, ProgressMessageId> = {
  day: 'period.day',
  week: 'period.week',
  month: 'period.month',
  year: 'period.year',
  custom: 'period.custom',
};

/** What the page says when the URL's period could not be used as is. */
export const PERIOD_PROBLEM_TEXT: Record<NonNullable<PeriodFromUrl['problem']>, ProgressMessageId> = {
  'bad-date': 'period.bad-date',
  'bad-custom': 'period.bad-custom',
  'custom-too-long': 'period.custom-too-long',
};

export const FIGURE_LABEL: Record<FigureId, ProgressMessageId> = {
  consumption: 'kpi.consumption',
  pv: 'kpi.pv',
  gridImport: 'kpi.gridImport',
  cleanShare: 'kpi.cleanShare',
  localGreenShare: 'kpi.localGreenShare',
  co2Emitted: 'kpi.co2Emitted',
  co2AvoidedByPv: 'kpi.co2AvoidedByPv',
  evEnergy: 'kpi.evEnergy',
  evNetCo2Avoided: 'kpi.evNetCo2Avoided',
  coalSaved: 'kpi.coalSaved',
};

/** The shown buckets' unit in words ("3 of 31 days"). */
export const STEP_UNIT: Record<DisplayStep, ProgressMessageId> = {
  '1h': 'unit.1h',
  '1d': 'unit.1d',
  '1mo': 'unit.1mo',
};

export const CSV_LABEL: Record<CsvKind, ProgressMessageId> = {
  detail: 'action.csvDetail',
  summary: 'action.csvSummary',
};

/** The service's failure in words: {message} is what it said; the unreachable text takes {url} instead. */
export const HISTORY_ERROR_TEXT: Record<HistoryErrorKind, ProgressMessageId> = {
  unreachable: 'state.unreachable',
  'bad-request': 'state.badRequest',
  'invalid-response': 'state.invalid',
  http: 'state.httpError',
  aborted: 'state.httpError',
};

/** January first. */
export const MONTH_LABEL = [
  'month.1',
  'month.2',
  'month.3',
  'month.4',
  'month.5',
  'month.6',
  'month.7',
  'month.8',
  'month.9',
  'month.10',
  'month.11',
  'month.12',
] as const satisfies readonly ProgressMessageId[];

/** A progress-screen message in one language. */
export type ProgressTr = (id: ProgressMessageId, params?: MessageParams) => string;

export function progressTr(lang: Lang): ProgressTr {
  return (id, params) => translate(progressMessages, lang, id, params);
}
