// The coordinator's home (issue 15): today's work with counts, each a link; the other pages are in
// the area's navigation (routes/coordinator/layout.tsx).
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
  workersLink: "求职者",
};
