// Roster files as county offices send them, for the import tests and the import benchmark.

/** A county office's roster header row, spelt as offices spell it (a 序号 column first; app/domain/roster.ts reads each name). */
export const COUNTY_ROSTER_HEADERS = [
  "序号",
  "姓名",
  "身份证号码",
  "手机号码",
  "户籍县（市、区）",
  "乡镇",
  "村",
  "是否建档立卡",
  "户编号",
  "文化程度",
  "技能/工种",
  "技能等级",
  "证书编号",
  "意向工种",
  "期望月薪",
  "意向地区",
  "是否愿意培训",
  "可到岗日期",
];
