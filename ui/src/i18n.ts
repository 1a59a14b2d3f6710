// Every string the UI shows, in Chinese first and English second. The English table is typed
// against the Chinese one, so a missing translation is a type error, not a blank.
import { createContext, useContext } from 'react';
import type { Lang } from './bindings/Lang';

const zh = {
  'app.title': '分支管理台',
  'app.loading': '正在打开数据库…',
  'app.startFailed': '无法打开数据库',
  'app.retry': '重试',
  'nav.home': '首页',
  'nav.org': '组织架构',
  'nav.plans': '计划',
  'nav.minutes': '会议纪要',
  'nav.docs': '公文',
  'nav.kpi': '考核',
  'nav.reports': '报表',
  'nav.sync': '同步',
  'nav.settings': '设置',
  'role.unit': '单位',
  'role.hq': '总部',
  'top.period': '当前期间：',
  'top.search': '搜索（Ctrl+K）',
  'top.syncNever': '尚未同步',
  'top.language': '语言',
  'home.title': '首页',
  'home.subtitle': '今天需要关注的事项',
  'home.units': '单位',
  'home.departments': '部门',
  'home.people': '在职人员',
  'home.positions': '岗位',
  'home.openActions': '未完成督办事项',
  'home.overdueActions': '已逾期',
  'home.latestKpi': '最新考核数据',
  'home.noKpi': '暂无考核数据',
  'home.attention': '待办提醒',
  'home.overdueNotice': '有 {n} 项督办事项已逾期，请到“会议纪要”跟进。',
  'home.allClear': '没有逾期的督办事项。',
  'home.kpiNotice': '最新考核数据为 {period}；当前期间为 {current}。',
  'home.kpiMissing': '当前期间 {current} 还没有考核数据。',
  'home.noSync': '还没有发出过同步包。',
  'soon.title': '{page}即将推出',
  'soon.org': '维护单位、岗位、人员和汇报关系，绘制组织架构图，导入导出 Excel。',
  'soon.plans': '三年规划、年度计划、部门月目标和个人周计划，审批与偏差分析。',
  'soon.minutes': '会议纪要、决议和督办事项，跟踪到办结。',
  'soon.docs': '发文编号、收文登记和阅办单，3日内办结提醒。',
  'soon.kpi': '考核方案、月度数据录入、得分、排名和奖励。',
  'soon.reports': '考核得分表、考评通报、会议纪要和组织架构图的 PDF。',
  'soon.sync': '向总部发送同步包，接收方案、目标和公告。',
  'settings.title': '设置',
  'settings.site': '站点',
  'settings.siteName': '单位名称',
  'settings.groupName': '集团名称',
  'settings.role': '角色',
  'settings.siteId': '站点编号',
  'settings.period': '当前期间',
  'settings.language': '界面语言',
  'settings.dbPath': '数据库文件',
  'settings.save': '保存',
  'settings.saved': '设置已保存',
  'settings.required': '请填写单位名称',
  'settings.shortcut': 'Ctrl+S 保存',
  'common.unknownError': '操作失败',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.title': 'Branchdesk',
  'app.loading': 'Opening the database…',
  'app.startFailed': 'The database could not be opened',
  'app.retry': 'Retry',
  'nav.home': 'Home',
  'nav.org': 'Organisation',
  'nav.plans': 'Plans',
  'nav.minutes': 'Minutes',
  'nav.docs': 'Documents',
  'nav.kpi': 'KPI',
  'nav.reports': 'Reports',
  'nav.sync': 'Sync',
  'nav.settings': 'Settings',
  'role.unit': 'Unit',
  'role.hq': 'Headquarters',
  'top.period': 'Period: ',
  'top.search': 'Search (Ctrl+K)',
  'top.syncNever': 'Never synced',
  'top.language': 'Language',
  'home.title': 'Home',
  'home.subtitle': 'What needs attention today',
  'home.units': 'Units',
  'home.departments': 'Departments',
  'home.people': 'People employed',
  'home.positions': 'Positions',
  'home.openActions': 'Open action items',
  'home.overdueActions': 'Overdue',
  'home.latestKpi': 'Latest KPI figures',
  'home.noKpi': 'No KPI figures yet',
  'home.attention': 'Reminders',
  'home.overdueNotice': '{n} action items are overdue: follow them up under Minutes.',
  'home.allClear': 'No action item is overdue.',
  'home.kpiNotice': 'The latest KPI figures are for {period}; the current period is {current}.',
  'home.kpiMissing': 'There are no KPI figures for the current period {current} yet.',
  'home.noSync': 'No sync bundle has been sent yet.',
  'soon.title': '{page} is coming',
  'soon.org': 'Units, positions, people and reporting lines; the org chart drawn; Excel import and export.',
  'soon.plans': 'Three-year, annual, monthly department and personal plans, with approval and deviation analysis.',
  'soon.minutes': 'Meeting minutes, decisions and action items followed up until done.',
  'soon.docs': 'Outgoing document numbering, incoming registration and handling slips with 3-day reminders.',
  'soon.kpi': 'Assessment schemes, monthly figures, scores, rankings and rewards.',
  'soon.reports': 'PDF scorecards, bulletins, minutes and org charts.',
  'soon.sync': 'Send bundles to headquarters; receive schemes, targets and announcements.',
  'settings.title': 'Settings',
  'settings.site': 'Site',
  'settings.siteName': 'Site name',
  'settings.groupName': 'Group name',
  'settings.role': 'Role',
  'settings.siteId': 'Site ID',
  'settings.period': 'Current period',
  'settings.language': 'Language',
  'settings.dbPath': 'Database file',
  'settings.save': 'Save',
  'settings.saved': 'Settings saved',
  'settings.required': 'Enter the site name',
  'settings.shortcut': 'Ctrl+S saves',
  'common.unknownError': 'The operation failed',
};

export const messages: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, 'en-US': en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = messages[lang];
  return (key, vars) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars && name in vars ? String(vars[name]) : whole,
    );
}

export const I18nContext = createContext<{ lang: Lang; t: Translate }>({
  lang: 'zh-CN',
  t: translator('zh-CN'),
});

export function useI18n() {
  return useContext(I18nContext);
}
