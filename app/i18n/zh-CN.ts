// Chinese is the default language: every string on a screen comes from here (or en.ts).
// Larger areas keep their strings in sections/<area>.ts (English in sections/<area>.en.ts), merged here.
import { sectionsZh } from "./sections";

const zhCN = {
  ...sectionsZh,
  app: { name: "劳务桥", tagline: "河北贫困县劳动力对接京津稳定就业", skip: "跳到正文" },
  nav: { home: "首页", signIn: "登录", signOut: "退出", language: "English", menu: "菜单", admin: "系统管理", coordinator: "协调员工作台", provider: "培训机构", employer: "用人单位", me: "我的" },
  roles: { ADMIN: "系统管理员", COORDINATOR: "培训协调员", PROVIDER_STAFF: "培训机构人员", EMPLOYER: "用人单位", JOB_SEEKER: "求职者" },
  levels: { PROVINCE: "省", PREFECTURE: "市", COUNTY: "县（市、区）", TOWNSHIP: "乡镇", VILLAGE: "村" },
  workerStatus: { REGISTERED: "已登记", MATCHED: "已匹配", IN_TRAINING: "培训中", TRAINED: "已结业", PLACED: "已就业", STABLE: "稳定就业", LEFT: "已离职" },
  employerStatus: { PENDING: "待审核", VERIFIED: "已认证", REJECTED: "未通过", SUSPENDED: "已暂停" },
  trainingKind: { ORDER_BASED: "订单式", POST_BASED: "定岗式", COMPOUND: "复合式" },
  home: {
    heroTitle: "把好岗位送到村里，把好工人送到京津",
    heroBody: "劳务桥连接河北贫困县的求职者、县乡劳务协调员、培训机构和京津用人单位：按订单培训，按岗位输送，跟踪到稳定就业。",
    forSeekers: "求职者", forSeekersBody: "用手机登记求职意向，查看岗位和培训名额。",
    forCoordinators: "协调员", forCoordinatorsBody: "代为登记、组织订单培训、核实就业、跟踪回访，随时看到年度计划完成情况。",
    forEmployers: "用人单位", forEmployersBody: "发布招聘订单和培训订单，查看匹配人选及理由，兑现用工承诺。",
    stats: "平台概况", statCounties: "个贫困县（2012 年国家及省扶贫开发工作重点县）", statWorkers: "名登记求职者", statPostings: "个在招岗位", statOrders: "个培训订单",
    signInCta: "登录",
  },
  login: {
    failedSignInsNotice: "自您上次登录以来，您的账号有 {{count}} 次登录失败。如果不是您本人，请修改密码并告知管理员。",
    slowedDown: "该账号近期多次登录失败，请 {{seconds}} 秒后再试",
    badRedirect: "登录后要打开的地址不属于本站，已拒绝；请直接登录",
    title: "登录", identifier: "账号", identifierHint: "工作人员填用户名；求职者可填身份证号或手机号", password: "密码",
    submit: "登录", invalid: "账号或密码不正确", rateLimited: "尝试次数过多，请 {{minutes}} 分钟后再试", required: "请填写此项",
    demoHint: "演示账号见服务器启动时打印的列表",
  },
  common: { save: "保存", create: "创建", cancel: "取消", back: "返回", yes: "是", no: "否", none: "暂无", actions: "操作", search: "搜索", total: "共 {{count}} 条", view: "查看", reveal: "显示完整信息", revealed: "已显示完整信息（已记录查看日志）", close: "关闭", revoke: "撤销", revoked: "已撤销", loading: "加载中…", required: "必填", optional: "选填", forbidden: "无权访问", notFound: "未找到", errorTitle: "出错了", errorBody: "页面暂时无法显示，请稍后再试。", year: "{{year}}年", uploadMalformed: "无法读取上传的文件：文件名或表单格式有误。请把文件改成简单的名字（不含 ; = \" 等符号）后重新上传。" },
  admin: {
    title: "系统管理", users: "用户", tokens: "API 令牌", regions: "行政区划与贫困县",
    counts: "数据概况", countRegions: "行政区划", countOccupations: "职业", countWorkers: "求职者", countEmployers: "用人单位", countUsers: "用户",
    newUser: "新建用户", username: "用户名", displayName: "姓名", password: "初始密码", role: "角色", region: "管辖区域", regionHint: "协调员、培训机构人员必须选择区域（县、市或省）",
    userCreated: "用户已创建", usernameTaken: "用户名已被使用", regionRequired: "该角色必须指定管辖区域", unknownRegion: "没有这个区划代码",
tokenExpires: "到期", tokenExpired: "已过期", tokenDays: "有效天数", tokenDaysHint: "到期后令牌自动失效（1–{{max}} 天）", tokenDaysRange: "请填写 1 到 365 之间的整数", tokenNotFound: "没有这个令牌，或它已被撤销",
    newToken: "新建令牌", tokenName: "用途说明", tokenCreated: "令牌已创建。它只显示这一次，请立即复制保存：", lastUsed: "最近使用", createdAt: "创建时间",
    povertyCounty: "贫困县", povertyToggleOn: "设为贫困县", povertyToggleOff: "取消贫困县", code: "代码", name: "名称", level: "级别",
    passwordTooShort: "密码至少 10 位", usernameFormat: "用户名只能包含小写字母、数字、点、横线和下划线（3–40 位）",
  },
  coordinator: {
    title: "协调员工作台", scope: "管辖区域：{{region}}", workers: "求职者", workersInScope: "本区域登记求职者",
    planTitle: "{{year}}年度计划", trainingPersonTimes: "培训人次", orderBased: "其中订单式", transferred: "转移就业人数", toBeijingTianjin: "其中到京津", stable: "稳定就业人数",
    noPlan: "本年度尚未录入计划", name: "姓名", idNumber: "身份证号", phone: "手机号", county: "户籍县", status: "状态", poor: "建档立卡", registeredAt: "登记时间",
    level: "{{level}}级", minWage: "最低期望月薪（元）", source: "登记方式", enteredBy: "由{{name}}代为登记", consents: "授权记录",
    sources: { SELF: "本人自助登记", COORDINATOR: "协调员代为登记", IMPORT: "花名册导入", API: "系统接口" },
    consentPurpose: { REGISTRATION: "个人信息使用", PRIORITY_FACTORS: "家庭困难情况", SHARE_WITH_EMPLOYER: "向用人单位提供信息" },
    childRegions: "下辖区域", searchLabel: "姓名、技能或工种", searchPlaceholder: "例如：王 焊工 护工", allCounties: "全部县（市、区）", allStatuses: "全部状态", poorOnly: "只看建档立卡户", noResults: "没有符合条件的求职者", pages: "分页", findWorkers: "查找求职者", workerDetail: "求职者详情", skills: "技能", preferences: "求职意向", noWorkers: "本区域还没有登记的求职者",
  },
  provider: { title: "培训机构", classes: "培训班", noClasses: "暂无培训班", className: "班级", occupation: "职业", dates: "起止日期", capacity: "名额", enrolled: "在读" },
  employer: { title: "用人单位", status: "认证状态", postings: "招聘订单", trainingOrders: "培训订单", noPostings: "暂无招聘订单", noOrders: "暂无培训订单", headcount: "招聘人数", wage: "月薪（元）", pendingNote: "贵单位正在等待县乡协调员审核，审核通过前可以起草但不能发布订单。" },
  me: { profileTitle: "我的技能和求职意向", profileHint: "{{name}}，技能和意向有变化时请及时更新，我们会据此为您推荐岗位和培训。姓名、身份证号、户籍等需由协调员核实后修改。", editProfile: "更新技能和求职意向", saved: "已保存。", title: "我的求职", status: "当前状态", offers: "岗位邀请", training: "培训名额", noOffers: "暂时还没有岗位邀请。有合适的岗位时会在这里显示。", noTraining: "暂时还没有培训名额。", profile: "我的资料" },
  errors: { server: "服务器出错，请稍后再试", forbidden: "您没有权限访问此页面", notFound: "页面不存在", employerSuspended: "贵单位账号已被暂停，暂停期间不能查看候选人、匹配和录用人员的信息。如有疑问请联系协调员。" },
};

export default zhCN;
export type Messages = typeof zhCN;
