// Demo subsidy policies (with the documents they cite), budgets for the demo counties, and bank
// accounts of the demo providers and employers (encrypted like every account). The amounts are
// demonstration figures in the range county notices use; docs/subsidies.md says where each comes
// from and that a deployment must enter its own county's current notice.
import { maskAccountNumber } from "~/domain/subsidy";
import type { Db } from "~/services/db.server";
import { blindIndex, encryptPii } from "~/services/pii.server";

const FUND_RULES = "《就业补助资金管理办法》（财社〔2017〕164号）";
const POVERTY_RULES = "《关于进一步加大就业扶贫政策支持力度着力提高劳务组织化程度的通知》（人社部发〔2018〕46号）";
const DEMO = "（演示标准，须按本县现行文件核对）";

export const DEMO_POLICIES = [
  { code: "training-elderly-carer", kind: "TRAINING", nameZh: "养老护理员职业培训补贴", nameEn: "Training subsidy: elderly carer", amount: 1500, unit: "PERSON", payee: "PROVIDER", occupationCode: "elderly-carer", requireCertificate: true, legalSource: `${FUND_RULES} 第七条 职业培训补贴${DEMO}` },
  { code: "training-general", kind: "TRAINING", nameZh: "职业培训补贴（取得证书）", nameEn: "Training subsidy (certified)", amount: 1200, unit: "PERSON", payee: "PROVIDER", requireCertificate: true, legalSource: `${FUND_RULES} 第七条 职业培训补贴${DEMO}` },
  { code: "living-allowance-poor", kind: "LIVING_ALLOWANCE", nameZh: "贫困劳动力培训期间生活费补贴", nameEn: "Living allowance for registered-poor trainees", amount: 50, unit: "DAY", maxUnits: 30, payee: "WORKER", requireRegisteredPoor: true, legalSource: `${FUND_RULES} 第七条（培训期间生活费补贴）；${POVERTY_RULES}${DEMO}` },
  { code: "transport-beijing-tianjin", kind: "TRANSPORT", nameZh: "赴京津务工一次性交通补贴", nameEn: "Transport subsidy: Beijing–Tianjin", amount: 500, unit: "PERSON", payee: "WORKER", requireRegisteredPoor: true, transferTypes: ["BEIJING_TIANJIN"], legalSource: `${POVERTY_RULES} 一次性交通补助${DEMO}` },
  { code: "transport-out-of-county", kind: "TRANSPORT", nameZh: "县外务工一次性交通补贴", nameEn: "Transport subsidy: out of county", amount: 300, unit: "PERSON", payee: "WORKER", requireRegisteredPoor: true, transferTypes: ["OTHER_OUT_OF_PROVINCE", "WITHIN_HEBEI"], legalSource: `${POVERTY_RULES} 一次性交通补助${DEMO}` },
  { code: "hiring-6-months", kind: "HIRING", nameZh: "吸纳贫困劳动力稳定就业6个月补贴", nameEn: "Hiring subsidy: kept six months", amount: 1000, unit: "PERSON", payee: "EMPLOYER", retentionMonths: 6, requireRegisteredPoor: true, legalSource: `${POVERTY_RULES} 吸纳贫困劳动力就业奖补${DEMO}` },
] as const;

export async function seedSubsidies(db: Db, opts: { year: number; counties: string[]; providerIds: string[]; employerIds: string[] }): Promise<void> {
  for (const p of DEMO_POLICIES) {
    await db.subsidyPolicy.create({
      data: {
        code: p.code, version: 1, kind: p.kind, nameZh: p.nameZh, nameEn: p.nameEn, amount: p.amount, unit: p.unit, maxUnits: "maxUnits" in p ? p.maxUnits : null, payee: p.payee,
        occupationCode: "occupationCode" in p ? p.occupationCode : null, transferTypes: "transferTypes" in p ? [...p.transferTypes] : [], retentionMonths: "retentionMonths" in p ? p.retentionMonths : null,
        requireRegisteredPoor: "requireRegisteredPoor" in p ? p.requireRegisteredPoor : false, requirePovertyCounty: false, requireCertificate: "requireCertificate" in p ? p.requireCertificate : false,
        validFrom: new Date(`${opts.year - 1}-01-01T00:00:00Z`), legalSource: p.legalSource, changeNote: "演示数据",
      },
    });
  }
  const budgets = opts.counties.flatMap((countyCode) => DEMO_POLICIES.map((p) => ({ policyCode: p.code, countyCode, year: opts.year, amount: p.kind === "TRAINING" ? 600_000 : p.kind === "LIVING_ALLOWANCE" ? 300_000 : 200_000 })));
  await db.subsidyBudget.createMany({ data: budgets });
  const account = (n: number) => `6228480${String(100000000 + n * 7907).slice(0, 9)}${n % 10}`.slice(0, 19);
  const names = new Map([
    ...(await db.trainingProvider.findMany({ where: { id: { in: opts.providerIds } }, select: { id: true, name: true } })).map((x) => [x.id, x.name] as const),
    ...(await db.employer.findMany({ where: { id: { in: opts.employerIds } }, select: { id: true, name: true } })).map((x) => [x.id, x.name] as const),
  ]);
  const accounts = [
    ...opts.providerIds.map((id, i) => ({ ownerType: "PROVIDER" as const, ownerId: id, holderName: names.get(id) ?? "", bankName: "中国农业银行", n: i + 1 })),
    ...opts.employerIds.map((id, i) => ({ ownerType: "EMPLOYER" as const, ownerId: id, holderName: names.get(id) ?? "", bankName: "中国工商银行", n: 100 + i })),
  ];
  await db.payeeAccount.createMany({
    data: accounts.map((a) => {
      const number = account(a.n);
      return { ownerType: a.ownerType, ownerId: a.ownerId, holderName: a.holderName, bankName: a.bankName, accountCipher: encryptPii(number), accountHash: blindIndex("bank-account", number), accountMasked: maskAccountNumber(number) };
    }),
  });
}
