/** The dispatcher console's own words (zh first, en second). Read with `dt(lang, id)`. */
import type { Lang } from '../../../core/lang';
import { defineMessages, translate } from '../../ui/i18n/messages';

export const dispatchMessages = defineMessages({
  'tab.feeders': { zh: '馈线', en: 'Feeders' },
  'tab.pv': { zh: '光伏站点', en: 'PV sites' },
  'tab.connectors': { zh: '充电桩', en: 'Connectors' },

  'col.name': { zh: '名称', en: 'Name' },
  'col.substation': { zh: '变电站', en: 'Substation' },
  'col.province': { zh: '省份', en: 'Province' },
  'col.feeder': { zh: '所属馈线', en: 'Feeder' },
  'col.p': { zh: '有功 P', en: 'P' },
  'col.q': { zh: '无功 Q', en: 'Q' },
  'col.i': { zh: '电流 I', en: 'I' },
  'col.u': { zh: '电压 U', en: 'U' },
  'col.pf': { zh: '功率因数', en: 'PF' },
  'col.loading': { zh: '负载率', en: 'Loading' },
  'col.state': { zh: '状态', en: 'State' },
  'col.peak': { zh: '今日峰值', en: "Today's peak" },
  'col.peakAt': { zh: '峰值时刻', en: 'Peak at' },
  'col.spark': { zh: '近1小时', en: 'Last hour' },
  'col.kwp': { zh: '装机', en: 'Capacity' },
  'col.yield': { zh: '出力率', en: 'Yield' },
  'col.station': { zh: '充电站', en: 'Station' },
  'col.connector': { zh: '枪', en: 'Connector' },
  'col.type': { zh: '类型', en: 'Type' },
  'col.rated': { zh: '额定', en: 'Rated' },
  'col.session': { zh: '本次电量', en: 'Session' },

  'state.normal': { zh: '正常', en: 'Normal' },
  'state.heavy': { zh: '重载', en: 'Heavy' },
  'state.overload': { zh: '过载', en: 'Overload' },
  'state.stale': { zh: '数据中断', en: 'Stale' },
  'state.offline': { zh: '离线', en: 'Offline' },
  'state.no-data': { zh: '无数据', en: 'No data' },
  'state.producing': { zh: '发电', en: 'Producing' },
  'state.idle': { zh: '待机', en: 'Idle' },
  'state.tripped': { zh: '跳闸', en: 'Tripped' },
  'state.available': { zh: '空闲', en: 'Available' },
  'state.charging': { zh: '充电中', en: 'Charging' },
  'state.faulted': { zh: '故障', en: 'Faulted' },
  'state.unavailable': { zh: '不可用', en: 'Unavailable' },

  'filter.placeholder': { zh: '筛选名称/编号（按 / 聚焦）', en: 'Filter by name or id (press /)' },
  'filter.allProvinces': { zh: '全部省份', en: 'All provinces' },
  'filter.allSubstations': { zh: '全部变电站', en: 'All substations' },
  'filter.allStates': { zh: '全部状态', en: 'All states' },
  'filter.groupBySubstation': { zh: '按变电站分组', en: 'Group by substation' },
  'filter.columns': { zh: '列', en: 'Columns' },
  'filter.rows': { zh: '行', en: 'rows' },
  'filter.reset': { zh: '重置', en: 'Reset' },

  'alarms.title': { zh: '告警', en: 'Alarms' },
  'alarms.none': { zh: '当前无告警', en: 'No alarms' },
  'alarms.showCleared': { zh: '显示已恢复', en: 'Show cleared' },
  'alarms.ack': { zh: '确认', en: 'Acknowledge' },
  'alarms.ackShort': { zh: '确认', en: 'Ack' },
  'alarms.notShared': { zh: '未同步', en: 'Not shared' },
  'alarms.notSharedHint': {
    zh: '告警服务不可达：确认仅保存在本机，恢复后自动同步',
    en: 'Alarm service unreachable: kept on this screen, sent when it is back',
  },
  'alarms.by': { zh: '确认人', en: 'By' },
  'alarms.newCritical': { zh: '新的严重告警', en: 'New critical alarm' },
  'alarms.dismiss': { zh: '知道了', en: 'Dismiss' },
  'alarms.mute': { zh: '静音', en: 'Mute' },
  'alarms.unmute': { zh: '声音', en: 'Sound' },
  'alarms.count': { zh: '条活动告警', en: 'active' },
  'alarms.start': { zh: '开始', en: 'Start' },
  'alarms.duration': { zh: '持续', en: 'Duration' },
  'alarms.value': { zh: '数值/限值', en: 'Value / limit' },
  'alarms.severity': { zh: '级别', en: 'Severity' },
  'alarms.device': { zh: '设备', en: 'Device' },
  'alarms.stateCol': { zh: '状态', en: 'State' },
  'alarms.syncError': { zh: '告警确认服务不可达', en: 'Acknowledgement service unreachable' },

  'severity.critical': { zh: '严重', en: 'Critical' },
  'severity.major': { zh: '重要', en: 'Major' },
  'severity.minor': { zh: '一般', en: 'Minor' },

  'rule.overload': { zh: '过载', en: 'Overload' },
  'rule.heavy-load': { zh: '重载', en: 'Heavy load' },
  'rule.voltage': { zh: '电压越限', en: 'Voltage out of band' },
  'rule.stale': { zh: '数据中断', en: 'Telemetry lost' },
  'rule.offline': { zh: '设备离线', en: 'Device offline' },
  'rule.pv-trip': { zh: '光伏脱网', en: 'PV trip' },
  'rule.charger-fault': { zh: '充电桩故障', en: 'Charger fault' },
  'rule.source-down': { zh: '数据源中断', en: 'Device stream down' },

  'alarmState.active': { zh: '未确认', en: 'Active' },
  'alarmState.acknowledged': { zh: '已确认', en: 'Acknowledged' },
  'alarmState.cleared': { zh: '已恢复', en: 'Cleared' },

  'name.title': { zh: '调度员姓名', en: 'Dispatcher name' },
  'name.prompt': {
    zh: '确认告警需要记录确认人。请输入您的姓名（本机记住）：',
    en: 'Acknowledgements record who took them. Your name (remembered on this screen):',
  },
  'name.save': { zh: '确定', en: 'OK' },
  'name.cancel': { zh: '取消', en: 'Cancel' },
  'name.change': { zh: '更换', en: 'Change' },

  'drill.close': { zh: '关闭', en: 'Close' },
  'drill.curves': { zh: '24小时曲线（可缩放、平移）', en: '24-hour curves (zoom and pan)' },
  'drill.loading': { zh: '正在加载历史数据…', en: 'Loading history…' },
  'drill.empty': { zh: '历史服务暂无该馈线数据，仅显示实时数据', en: 'No history for this feeder yet: live only' },
  'drill.error': { zh: '历史数据不可用，仅显示实时数据', en: 'History unavailable: live only' },
  'drill.retry': { zh: '重试', en: 'Retry' },
  'drill.pvSites': { zh: '该馈线光伏', en: 'PV on this feeder' },
  'drill.chargers': { zh: '该馈线充电站', en: 'Charging on this feeder' },
  'drill.alarmHistory': { zh: '告警记录', en: 'Alarm history' },
  'drill.none': { zh: '无', en: 'None' },
  'drill.loadingPct': { zh: '负载率', en: 'Loading' },

  'history.loading': { zh: '正在读取今日历史…', en: "Reading today's history…" },
  'history.liveOnly': {
    zh: '历史服务不可达 · 峰值与近1小时曲线仅含本页打开后的实时数据',
    en: 'History service unreachable · peaks and last hour cover only what this page has seen live',
  },
  'history.asOf': {
    zh: '历史服务不可达 · 历史数据截至',
    en: 'History service unreachable · history as of',
  },

  'area.title': { zh: '区域负荷（按省份堆叠）', en: 'Area load by province (stacked)' },

  'help.title': { zh: '键盘操作', en: 'Keyboard' },
  'help.slash': { zh: '聚焦筛选框', en: 'Focus the filter' },
  'help.arrows': { zh: '上下移动选中行', en: 'Move the selected row' },
  'help.enter': { zh: '打开选中馈线详情', en: 'Open the selected feeder' },
  'help.a': { zh: '确认选中设备的告警', en: "Acknowledge the selected device's alarm" },
  'help.esc': { zh: '关闭详情/对话框', en: 'Close the detail or dialog' },
  'help.question': { zh: '显示/隐藏本帮助', en: 'Show or hide this help' },
  'help.tabs': { zh: '切换表格', en: 'Switch table' },
  'help.button': { zh: '快捷键 ?', en: 'Keys ?' },
});

export type DispatchMessageId = keyof typeof dispatchMessages;

export function dt(lang: Lang, id: DispatchMessageId): string {
  return translate(dispatchMessages, lang, id);
}
