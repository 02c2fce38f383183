// Strings for operations: the administrators' queue view (issue 16 item 8).
const zh = {
  queues: {
    nav: "任务队列",
    title: "任务队列",
    intro: "后台任务（搜索索引、花名册导入、匹配、定时维护）在各队列中的情况。失败的任务保留在这里：查明原因后可以重新运行。",
    unavailable: "队列暂时无法访问（Redis 或数据库未响应）。请稍后刷新；已提交的数据不会丢失。",
    queue: "队列",
    waiting: "等待",
    active: "运行中",
    delayed: "延后",
    prioritized: "优先",
    waitingChildren: "等待子任务",
    failed: "失败",
    failedTitle: "失败的任务（最近 50 个）",
    noFailed: "没有失败的任务。",
    job: "任务",
    reason: "失败原因",
    attempts: "已尝试次数",
    failedAt: "失败时间",
    data: "参数",
    retry: "重新运行",
    retried: "已重新放入队列：{{job}}",
    notFailed: "这个任务已经不是失败状态（可能已被重新运行或已删除），列表已刷新。",
    retryUnavailable: "队列暂时无法访问，任务未重新运行，请稍后再试。",
    names: {
      outbox: "变更转发", search: "搜索索引", imports: "花名册导入", matching: "匹配", maintenance: "定时维护", "follow-ups": "就业回访",
    },
  },
};

const en: typeof zh = {
  queues: {
    nav: "Job queues",
    title: "Job queues",
    intro: "Background work (search indexing, roster imports, matching, scheduled maintenance) in each queue. Failed jobs are kept here: once the cause is found, run them again.",
    unavailable: "The queues cannot be reached right now (Redis or the database is not answering). Refresh in a moment; saved data is not lost.",
    queue: "Queue",
    waiting: "Waiting",
    active: "Running",
    delayed: "Delayed",
    prioritized: "Prioritized",
    waitingChildren: "Waiting for children",
    failed: "Failed",
    failedTitle: "Failed jobs (latest 50)",
    noFailed: "No failed jobs.",
    job: "Job",
    reason: "Reason",
    attempts: "Attempts",
    failedAt: "Failed at",
    data: "Parameters",
    retry: "Run again",
    retried: "Queued again: {{job}}",
    notFailed: "This job is no longer failed (it may have been run again or removed); the list is refreshed.",
    retryUnavailable: "The queues cannot be reached, so the job was not run again; please try later.",
    names: {
      outbox: "Change relay", search: "Search index", imports: "Roster imports", matching: "Matching", maintenance: "Maintenance", "follow-ups": "Placement follow-ups",
    },
  },
};

export const ops = { zh, en };
