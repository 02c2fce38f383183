// The coordinator's home (issue 15): today's work with counts, each a link, and the other pages.
const zh = {
  todayTitle: "今天要处理的事",
  todayNote: "数字为本辖区内待办的条数，点开即是对应的列表。",
  nothing: "暂时没有待办事项。",
  employersToVerify: "待审核的用人单位",
  ordersToApprove: "待审批的培训订单",
  placementsToVerify: "待核实的就业记录",
  followUpsDue: "待回访",
  followUpsOverdue: "回访已逾期",
  importsWithErrors: "有错误行的花名册导入",
  moreTitle: "其他功能",
  groups: { people: "求职者", employers: "用人单位与订单", outcomes: "就业与回访", analysis: "计划与分析" },
};

const en: typeof zh = {
  todayTitle: "Today's work",
  todayNote: "How many items wait in your region; each opens its list.",
  nothing: "Nothing waiting right now.",
  employersToVerify: "Employers to verify",
  ordersToApprove: "Training orders to approve",
  placementsToVerify: "Placements to verify",
  followUpsDue: "Follow-ups due",
  followUpsOverdue: "Follow-ups overdue",
  importsWithErrors: "Roster imports with errors",
  moreTitle: "Everything else",
  groups: { people: "Job seekers", employers: "Employers and orders", outcomes: "Placements and follow-ups", analysis: "Plans and analysis" },
};

export const desk = { zh, en };
