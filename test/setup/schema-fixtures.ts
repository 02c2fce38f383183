// What the schema unit tests (app/features/*/schema.test.ts) and the integration tests that post the
// same forms share: how a test reads a parse's problems, and the forms themselves.

/** A parse's messages by field path ("skills.0.minLevel" → "emp.…"); empty when it succeeded. */
export const errorsByField = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

/** An order-based training order as the employer's form posts it, without the hiring commitment such an order needs. */
export const orderBasedOrderForm = {
  kind: "ORDER_BASED",
  occupationCode: "elderly-carer",
  title: "养老护理员订单班",
  classSize: "30",
  trainingHours: "120",
  locationRegionCode: "130624",
};

/** The hiring commitment an order-based training order must carry. */
export const hiringCommitment = { commitHires: "20", commitWage: "5000", retentionMonths: "6" };
