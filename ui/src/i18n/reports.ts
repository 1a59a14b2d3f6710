// 报表: every string, in Chinese first and English second. The English table is typed
// against the Chinese one, so a missing translation is a type error, not a blank.

export const zh = {
  'report.title': '报表',
  'report.noScheme': '还没有考核方案 — 请先到“考核”添加方案并录入数据。',
  'report.scorecard': '考核得分表',
  'report.scorecardHelp': '一个单位一个期间：各指标数据、得分、排名，分类小计、总分、奖励，附得分说明。',
  'report.bulletin': '考评通报',
  'report.bulletinHelp': '月度、季度或年度：全部单位排名、总分、各指标得分、较上期变化、总分排名图和奖励。',
  'report.export': '导出 PDF',
  'report.minutes': '会议纪要',
  'report.minutesHelp': '一次会议的正式纪要：出席/列席/缺席、议题、决议、督办事项和前次督办落实情况，留有签字栏。',
  'report.plan': '计划书',
  'report.planHelp': '单位（含下属部门）在某期间内的计划：层级、权重、目标、实际、进度、里程碑和偏差分析。期间写作 2016、2016-Q4 或 2016-12。',
  'report.orgchart': '组织架构图',
  'report.orgchartHelp': '当前组织架构，A4/A3 横向；一页放不下时按分支分页。',
  'report.bulletinPdf': '导出考评通报 PDF',
  'report.scorecardPdf': '导出考核得分表 PDF',
  'report.saved': 'PDF 已保存：{path}',
  'report.savedTitle': 'PDF 已保存',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'report.title': 'Reports',
  'report.noScheme': 'No KPI scheme yet — add one under KPI and enter figures first.',
  'report.scorecard': 'Unit scorecard',
  'report.scorecardHelp': 'One unit, one period: each indicator with its figure, score and rank, section subtotals, total, rewards, and how each score was reached.',
  'report.bulletin': 'Bulletin',
  'report.bulletinHelp': 'A month, quarter or year: all units ranked, totals, indicator scores, the change since the previous period, a chart of totals, and rewards.',
  'report.export': 'Export PDF',
  'report.minutes': 'Meeting minutes',
  'report.minutesHelp': 'The formal minutes of one meeting: attendance, agenda, decisions, action items and the follow-up of earlier items, with signature lines.',
  'report.plan': 'Plan',
  'report.planHelp': "A unit's plans (with its departments) within a period: levels, weights, targets, actuals, progress, milestones and deviations. Write the period as 2016, 2016-Q4 or 2016-12.",
  'report.orgchart': 'Org chart',
  'report.orgchartHelp': "Today's organisation on landscape A4/A3; branches on their own pages when one page is too small.",
  'report.bulletinPdf': 'Bulletin PDF',
  'report.scorecardPdf': 'Scorecard PDF',
  'report.saved': 'PDF saved: {path}',
  'report.savedTitle': 'PDF saved',
};
