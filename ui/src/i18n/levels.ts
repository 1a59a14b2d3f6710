// 销售人员职级 (the 职级 page): every string, in Chinese first and English second. The events'
// names come generated from Rust (label `LevelEvent`).

export const zh = {
  'levels.title': '销售人员职级',
  'levels.subtitle': '按基本法 4.3 逐月判定每位业务人员的职级：当月考核、次月执行；两个月一个降级周期；降级后当月达到原级别目标即重新升级；连续两个月临界工资予以标记。',
  'levels.table': '职级表（.toml）',
  'levels.data': '人员业绩（.csv）',
  'levels.pick': '选择文件',
  'levels.from': '起始月份',
  'levels.to': '结束月份',
  'levels.run': '逐月判定',
  'levels.help': '职级表和人员业绩的格式见 docs/levels.md；示例文件在 assets/levels。业绩表每人一行：工号,姓名,起始职级,智慧助理,2017-01,2017-02,…',
  'levels.people': '{n} 人',
  'levels.changes': '职级变动 {n} 次',
  'levels.flags': '待处理 {n} 项',
  'levels.flagsTitle': '需要经理处理',
  'levels.code': '工号',
  'levels.name': '姓名',
  'levels.noEvents': '本期没有职级变动或标记。',
  'levels.month': '{month}',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'levels.title': 'Sales levels',
  'levels.subtitle': 'Each sales person\'s level month by month by the 基本法 §4.3: judged on a month, applied the next; demotion on 2-month cycles; a demoted person back up on one month at the old target; two months on the critical wage flagged.',
  'levels.table': 'Level table (.toml)',
  'levels.data': 'People\'s figures (.csv)',
  'levels.pick': 'Choose file',
  'levels.from': 'From month',
  'levels.to': 'To month',
  'levels.run': 'Run month by month',
  'levels.help': 'The formats are in docs/levels.md; example files in assets/levels. One row per person: person,name,level,assistant,2017-01,2017-02,…',
  'levels.people': '{n} people',
  'levels.changes': '{n} level changes',
  'levels.flags': '{n} to act on',
  'levels.flagsTitle': 'For the manager to act on',
  'levels.code': 'No.',
  'levels.name': 'Name',
  'levels.noEvents': 'No level changes or flags in these months.',
  'levels.month': '{month}',
};
