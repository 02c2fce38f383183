// Search-port messages shown to users (issue 19: a search server that is down or hung).
export const zh = {
  unavailableTitle: "搜索暂时不可用",
  unavailable: "搜索服务暂时无法响应，您填写的查询条件仍保留在地址栏中。请稍等一分钟后刷新页面重试；如果持续出现，请联系系统管理员。",
};
