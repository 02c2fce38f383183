// The coordinator's home (issue 15): today's work with counts, each a link, and the other pages.
export const zh = {
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
