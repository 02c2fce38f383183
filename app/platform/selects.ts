// Prisma selects that several features read alike, named once here so that every reader asks the
// database for the same fields: a region's or an occupation's names in both languages, and a match
// row as its lists show it. Type-only Prisma import: nothing here touches the database.
import type { Prisma } from "~/generated/prisma/client";

/** A region (county, district, place of work or training) by its names: `name` in Chinese, `nameEn` in English. */
export const regionNames = { select: { name: true, nameEn: true } } as const satisfies { select: Prisma.RegionSelect };

/** An occupation by its names in Chinese and English. */
export const occupationNames = { select: { nameZh: true, nameEn: true } } as const satisfies { select: Prisma.OccupationSelect };

/**
 * A match row as its lists show it: staff reading a target's or a worker's matches (the API items
 * are made from it), the employer reviewing candidates (app/domain/match-display.ts makes the
 * employer's view of score and factors from it), and the factor breakdown opened from a card.
 */
export const matchRowSelect = {
  id: true,
  rank: true,
  score: true,
  status: true,
  hardConstraintsMet: true,
  factors: true,
  explanationZh: true,
  explanationEn: true,
  updatedAt: true,
} satisfies Prisma.MatchSelect;
