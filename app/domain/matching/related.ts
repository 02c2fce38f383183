// Related occupations: trades one training step from each other, so a person who holds one is
// worth telling about a posting in the other ("why not" and a training suggestion) instead of
// being left out unseen. Related = the same category of the taxonomy (prisma/reference/
// occupations.json), or a category listed as a neighbour below: trades whose daily work and
// basic skills overlap enough that a short class (订单式/定岗式培训) bridges them — an elderly carer
// (养老护理) already cooks, cleans and cares, so domestic service (家政) is one class away.
// Pure data and functions; the service passes the result on the target (PostingTarget.relatedOccupations).

/** Category → categories one training step away (symmetric: both directions are listed). */
export const CATEGORY_NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  domestic: ["care"],
  care: ["domestic"],
  cleaning: ["hospitality", "property"],
  hospitality: ["cleaning", "catering"],
  property: ["cleaning", "security"],
  security: ["property"],
  catering: ["food", "hospitality"],
  food: ["catering"],
  construction: ["decoration"],
  decoration: ["construction"],
  logistics: ["transport"],
  transport: ["logistics"],
  ecommerce: ["retail"],
  retail: ["ecommerce"],
  manufacturing: ["textile"],
  textile: ["manufacturing"],
  electrical: ["auto"],
  auto: ["electrical"],
};

export type OccupationCategory = { code: string; category: string };

/** The occupations related to `code` (itself excluded), in taxonomy order; none when the code is unknown. */
export function relatedOccupations(code: string, taxonomy: readonly OccupationCategory[]): string[] {
  const own = taxonomy.find((o) => o.code === code);
  if (!own) return [];
  const categories = new Set([own.category, ...(CATEGORY_NEIGHBOURS[own.category] ?? [])]);
  return taxonomy.filter((o) => o.code !== code && categories.has(o.category)).map((o) => o.code);
}
