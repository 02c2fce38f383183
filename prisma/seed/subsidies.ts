// Demo subsidy policies (with the documents they cite), budgets for the demo counties, and bank
// accounts of the demo providers and employers (encrypted like every account). The amounts are
// demonstration figures in the range county notices use; docs/subsidies.md says where each comes
// from and that a deployment must enter its own county's current notice.
// `seedSubsidyClaims` then makes claims the way production does: certificates recorded on a few
// finished classes, the real claim generation over them and over their verified placements, and the
// real review steps (submitted, approved by another coordinator, one small batch paid).
import { maskAccountNumber, type CertificateLevel } from "~/domain/subsidy";
import { calendarDay, chinaTime } from "~/platform/china-time";
import { loadPrincipal } from "~/services/auth.server";
import type { Db } from "~/services/db.server";
import { blindIndex, encryptPii } from "~/services/pii.server";
import { createPaymentBatch, decideClaim, generateClaims, prepareClaims, reconcileBatch } from "~/features/subsidies/index.server";

const FUND_RULES = "《就业补助资金管理办法》（财社〔2017〕164号）";
const POVERTY_RULES = "《关于进一步加大就业扶贫政策支持力度着力提高劳务组织化程度的通知》（人社部发〔2018〕46号）";
const DEMO = "（演示标准，须按本县现行文件核对）";

export const DEMO_POLICIES = [
  {
    code: "training-elderly-carer",
    kind: "TRAINING",
    nameZh: "养老护理员职业培训补贴",
    nameEn: "Training subsidy: elderly carer",
    amount: 1500,
    unit: "PERSON",
    payee: "PROVIDER",
    occupationCode: "elderly-carer",
    requireCertificate: true,
    legalSource: `${FUND_RULES} 第七条 职业培训补贴${DEMO}`,
  },
  {
    code: "training-general",
    kind: "TRAINING",
    nameZh: "职业培训补贴（取得证书）",
    nameEn: "Training subsidy (certified)",
    amount: 1200,
    unit: "PERSON",
    payee: "PROVIDER",
    requireCertificate: true,
    legalSource: `${FUND_RULES} 第七条 职业培训补贴${DEMO}`,
  },
  // The per-level schedule: the most specific policy that applies pays (occupation + level, occupation, level, general).
  {
    code: "training-elderly-carer-level-4",
    kind: "TRAINING",
    nameZh: "养老护理员职业培训补贴（四级／中级工）",
    nameEn: "Training subsidy: elderly carer, level 4",
    amount: 2000,
    unit: "PERSON",
    payee: "PROVIDER",
    occupationCode: "elderly-carer",
    certificateLevel: "LEVEL_4",
    legalSource: `${FUND_RULES} 第七条 职业培训补贴（按证书等级）${DEMO}`,
  },
  ...(
    [
      ["LEVEL_5", "五级／初级工", "level 5 (junior)", 1400],
      ["LEVEL_4", "四级／中级工", "level 4 (intermediate)", 1800],
      ["LEVEL_3", "三级／高级工", "level 3 (senior)", 2200],
      ["LEVEL_2", "二级／技师", "level 2 (technician)", 2600],
      ["LEVEL_1", "一级／高级技师", "level 1 (senior technician)", 3000],
    ] as const
  ).map(
    ([level, zh, en, amount]) =>
      ({
        code: `training-${level.toLowerCase().replace("_", "-")}`,
        kind: "TRAINING",
        nameZh: `职业培训补贴（${zh}）`,
        nameEn: `Training subsidy: ${en}`,
        amount,
        unit: "PERSON",
        payee: "PROVIDER",
        certificateLevel: level,
        legalSource: `${FUND_RULES} 第七条 职业培训补贴（按证书等级）${DEMO}`,
      }) as const,
  ),
  {
    code: "training-special-ability",
    kind: "TRAINING",
    nameZh: "职业培训补贴（专项职业能力证书）",
    nameEn: "Training subsidy: special vocational ability certificate",
    amount: 1000,
    unit: "PERSON",
    payee: "PROVIDER",
    certificateLevel: "SPECIAL_ABILITY",
    legalSource: `${FUND_RULES} 第七条 职业培训补贴（专项职业能力证书）${DEMO}`,
  },
  {
    code: "training-completion-certificate",
    kind: "TRAINING",
    nameZh: "职业培训补贴（培训合格证书）",
    nameEn: "Training subsidy: training completion certificate",
    amount: 600,
    unit: "PERSON",
    payee: "PROVIDER",
    certificateLevel: "TRAINING_CERTIFICATE",
    legalSource: `${FUND_RULES} 第七条 职业培训补贴（培训合格证书）${DEMO}`,
  },
  {
    code: "living-allowance-poor",
    kind: "LIVING_ALLOWANCE",
    nameZh: "贫困劳动力培训期间生活费补贴",
    nameEn: "Living allowance for registered-poor trainees",
    amount: 50,
    unit: "DAY",
    maxUnits: 30,
    payee: "WORKER",
    requireRegisteredPoor: true,
    legalSource: `${FUND_RULES} 第七条（培训期间生活费补贴）；${POVERTY_RULES}${DEMO}`,
  },
  {
    code: "transport-beijing-tianjin",
    kind: "TRANSPORT",
    nameZh: "赴京津务工一次性交通补贴",
    nameEn: "Transport subsidy: Beijing–Tianjin",
    amount: 500,
    unit: "PERSON",
    payee: "WORKER",
    requireRegisteredPoor: true,
    transferTypes: ["BEIJING_TIANJIN"],
    legalSource: `${POVERTY_RULES} 一次性交通补助${DEMO}`,
  },
  {
    code: "transport-out-of-county",
    kind: "TRANSPORT",
    nameZh: "县外务工一次性交通补贴",
    nameEn: "Transport subsidy: out of county",
    amount: 300,
    unit: "PERSON",
    payee: "WORKER",
    requireRegisteredPoor: true,
    transferTypes: ["OTHER_OUT_OF_PROVINCE", "WITHIN_HEBEI"],
    legalSource: `${POVERTY_RULES} 一次性交通补助${DEMO}`,
  },
  {
    code: "hiring-6-months",
    kind: "HIRING",
    nameZh: "吸纳贫困劳动力稳定就业6个月补贴",
    nameEn: "Hiring subsidy: kept six months",
    amount: 1000,
    unit: "PERSON",
    payee: "EMPLOYER",
    retentionMonths: 6,
    requireRegisteredPoor: true,
    legalSource: `${POVERTY_RULES} 吸纳贫困劳动力就业奖补${DEMO}`,
  },
] as const;

export async function seedSubsidies(db: Db, opts: { year: number; counties: string[]; providerIds: string[]; employerIds: string[] }): Promise<void> {
  for (const p of DEMO_POLICIES) {
    await db.subsidyPolicy.create({
      data: {
        code: p.code,
        version: 1,
        kind: p.kind,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        amount: p.amount,
        unit: p.unit,
        maxUnits: "maxUnits" in p ? p.maxUnits : null,
        payee: p.payee,
        occupationCode: "occupationCode" in p ? p.occupationCode : null,
        transferTypes: "transferTypes" in p ? [...p.transferTypes] : [],
        retentionMonths: "retentionMonths" in p ? p.retentionMonths : null,
        requireRegisteredPoor: "requireRegisteredPoor" in p ? p.requireRegisteredPoor : false,
        requirePovertyCounty: false,
        requireCertificate: "requireCertificate" in p ? p.requireCertificate : false,
        certificateLevel: "certificateLevel" in p ? p.certificateLevel : null,
        validFrom: new Date(`${opts.year - 1}-01-01T00:00:00Z`),
        legalSource: p.legalSource,
        changeNote: "演示数据",
      },
    });
  }
  const budgets = opts.counties.flatMap((countyCode) =>
    DEMO_POLICIES.map((p) => ({
      policyCode: p.code,
      countyCode,
      year: opts.year,
      amount: p.kind === "TRAINING" ? 600_000 : p.kind === "LIVING_ALLOWANCE" ? 300_000 : 200_000,
    })),
  );
  await db.subsidyBudget.createMany({ data: budgets });
  const account = (n: number) => `6228480${String(100000000 + n * 7907).slice(0, 9)}${n % 10}`.slice(0, 19);
  const names = new Map([
    ...(await db.trainingProvider.findMany({ where: { id: { in: opts.providerIds } }, select: { id: true, name: true } })).map((x) => [x.id, x.name] as const),
    ...(await db.employer.findMany({ where: { id: { in: opts.employerIds } }, select: { id: true, name: true } })).map((x) => [x.id, x.name] as const),
  ]);
  const accounts = [
    ...opts.providerIds.map((id, i) => ({ ownerType: "PROVIDER" as const, ownerId: id, holderName: names.get(id) ?? "", bankName: "中国农业银行", n: i + 1 })),
    ...opts.employerIds.map((id, i) => ({
      ownerType: "EMPLOYER" as const,
      ownerId: id,
      holderName: names.get(id) ?? "",
      bankName: "中国工商银行",
      n: 100 + i,
    })),
  ];
  await db.payeeAccount.createMany({
    data: accounts.map((a) => {
      const number = account(a.n);
      return {
        ownerType: a.ownerType,
        ownerId: a.ownerId,
        holderName: a.holderName,
        bankName: a.bankName,
        accountCipher: encryptPii(number),
        accountHash: blindIndex("bank-account", number),
        accountMasked: maskAccountNumber(number),
      };
    }),
  });
}

const LEVEL_CYCLE: (CertificateLevel | null)[] = [
  "LEVEL_5",
  "LEVEL_5",
  "LEVEL_4",
  "LEVEL_5",
  "SPECIAL_ABILITY",
  "LEVEL_5",
  "LEVEL_4",
  null,
  "LEVEL_5",
  "TRAINING_CERTIFICATE",
];

/**
 * Claims in the demo, made as production makes them (deterministic: everything is chosen in a fixed
 * order from the seeded records). A finished class of the Fuping trainer's provider (which has a
 * timetable and attendance marks) get their graduates' certificates — levels in a fixed cycle, one in
 * ten without a recorded level — and the claim job's own function runs over them and over six of
 * their verified placements (kept small: the seed is part of the first start, see docs/benchmarks.md). Then `fuping` submits some, `fuping2` approves
 * four and puts them into a
 * batch the bank pays in full, and a few more wait for `fuping2`. Nothing is left APPROVED outside a
 * batch (a visitor's or the e2e test's batch holds only what they approved).
 */
export async function seedSubsidyClaims(db: Db, opts: { providerIds: string[] }): Promise<{ claims: number; batch: string | null }> {
  const finished = await db.trainingClass.findMany({
    where: { status: "FINISHED" },
    select: { id: true, providerId: true, endDate: true },
    orderBy: [{ startDate: "asc" }, { name: "asc" }],
  });
  const classes = [...finished.filter((c) => c.providerId === opts.providerIds[0]), ...finished.filter((c) => c.providerId !== opts.providerIds[0])].slice(
    0,
    1,
  );
  for (const [ci, c] of classes.entries()) {
    const graduates = await db.enrollment.findMany({
      where: { classId: c.id, status: "COMPLETED" },
      select: { id: true, completedAt: true, worker: { select: { fullName: true, birthDate: true } } },
    });
    graduates.sort((a, b) => a.worker.fullName.localeCompare(b.worker.fullName) || a.worker.birthDate.getTime() - b.worker.birthDate.getTime());
    // The day finishClass would have recorded (the class's last day, afternoon in China).
    const completedAt = chinaTime(calendarDay(c.endDate), "17:00");
    await db.enrollment.updateMany({ where: { id: { in: graduates.filter((g) => !g.completedAt).map((g) => g.id) } }, data: { completedAt } });
    await db.assessment.createMany({
      data: graduates.map((g, n) => {
        const level = LEVEL_CYCLE[n % LEVEL_CYCLE.length];
        return {
          enrollmentId: g.id,
          passed: true,
          score: 70 + ((n * 7) % 30),
          certificateNumber: `演示证书-${ci + 1}-${String(n + 1).padStart(3, "0")}`,
          certificateLevel: level,
          assessedAt: completedAt,
        };
      }),
      skipDuplicates: true,
    });
    await generateClaims({ entityType: "trainingClass", entityId: c.id }, db);
  }
  const placements = await db.placement.findMany({
    where: { trainingClassId: { in: classes.map((c) => c.id) }, verification: "VERIFIED" },
    select: { id: true },
    orderBy: [{ startDate: "asc" }, { worker: { fullName: "asc" } }, { worker: { birthDate: "asc" } }],
    take: 6,
  });
  for (const pl of placements) await generateClaims({ entityType: "placement", entityId: pl.id }, db);

  const users = new Map(
    (await db.user.findMany({ where: { username: { in: ["fuping", "fuping2"] } }, select: { id: true, username: true } })).map((u) => [u.username, u.id]),
  );
  const preparer = users.get("fuping") ? await loadPrincipal(db, users.get("fuping")!) : null;
  const approver = users.get("fuping2") ? await loadPrincipal(db, users.get("fuping2")!) : null;
  const claims = await db.subsidyClaim.findMany({
    where: { status: "OPEN" },
    select: { id: true, kind: true, amount: true, payeeType: true, payeeId: true, payeeName: true, flags: true },
    orderBy: [{ kind: "asc" }, { worker: { fullName: "asc" } }, { worker: { birthDate: "asc" } }],
  });
  const made = () => db.subsidyClaim.count();
  if (!preparer || !approver || claims.length === 0) return { claims: await made(), batch: null };
  const ctx = { ip: null };
  const training = claims.filter((c) => c.kind === "TRAINING" && c.amount < 3000);
  const toWorkers = claims.filter((c) => c.payeeType === "WORKER" && (c.kind === "TRANSPORT" || c.kind === "LIVING_ALLOWANCE"));
  // Workers paid directly need their own bank cards on file before their claims can be submitted.
  const workerPayees = [...new Map(toWorkers.slice(0, 3).map((c) => [c.payeeId, c.payeeName])).entries()];
  await db.payeeAccount.createMany({
    data: workerPayees.map(([id, name], i) => {
      const number = `62170012${String(30000000000 + i * 104729).slice(0, 11)}`;
      return {
        ownerType: "WORKER" as const,
        ownerId: id,
        holderName: name,
        bankName: "河北省农村信用社",
        accountCipher: encryptPii(number),
        accountHash: blindIndex("bank-account", number),
        accountMasked: maskAccountNumber(number),
      };
    }),
    skipDuplicates: true,
  });
  const paid = training.slice(0, 4).map((c) => c.id);
  const waiting = [...training.slice(4, 6), ...toWorkers.slice(0, 3)].map((c) => c.id);
  await prepareClaims(preparer, [...paid, ...waiting], ctx, db);
  for (const id of paid) await decideClaim(approver, id, { decision: "approve", note: "演示：已核对花名册、考勤和证书" }, ctx, db);
  const batch = await createPaymentBatch(approver, "130624", ctx, db);
  if (!batch.ok) return { claims: await made(), batch: null };
  const { number } = await db.paymentBatch.findUniqueOrThrow({ where: { id: batch.batchId }, select: { number: true } });
  const lines = ["流水号,结果,银行交易号,失败原因", ...paid.map((id, i) => `${id},成功,DEMO${number.replace(/-/g, "")}${i + 1},`)];
  await reconcileBatch(approver, batch.batchId, { bytes: new TextEncoder().encode(lines.join("\r\n")), name: "demo-return.csv" }, ctx, db);
  return { claims: await made(), batch: number };
}
