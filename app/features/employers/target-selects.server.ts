// What a job posting or a training order shows of itself where it is listed, as the Prisma selects
// its readers share: staff (the match page's header, the target search) and the job seeker (their
// invitations, "为你推荐"). Postings and orders hold no personal data; the seeker's selects hold
// only public facts about the job (title, employer name, place, wage, terms).
import type { Prisma } from "~/generated/prisma/client";

const place = { select: { name: true, nameEn: true } } as const;
const employerName = { select: { name: true } } as const;

const staffTarget = { id: true, title: true, status: true, employer: employerName, occupation: { select: { nameZh: true, nameEn: true } } } as const;

/** A posting in a staff list: its places (headcount) and wage beside title, status, employer, occupation and place. */
export const staffPostingSelect = { ...staffTarget, headcount: true, wageMin: true, wageMax: true, workRegion: place } satisfies Prisma.JobPostingSelect;

/** A training order in a staff list: its kind, places (class size) and committed wage. */
export const staffOrderSelect = { ...staffTarget, kind: true, classSize: true, commitWage: true, locationRegion: place } satisfies Prisma.TrainingOrderSelect;

const seekerTarget = { id: true, title: true, employer: employerName } as const;

/** A posting proposed to a job seeker: wage, housing and meals, and where. */
export const seekerPostingSelect = {
  ...seekerTarget,
  wageMin: true,
  wageMax: true,
  housing: true,
  meals: true,
  workRegion: place,
} satisfies Prisma.JobPostingSelect;

/** A training order proposed to a job seeker: its kind, hours, start, the wage committed after it, and where. */
export const seekerOrderSelect = {
  ...seekerTarget,
  kind: true,
  trainingHours: true,
  scheduleStart: true,
  commitWage: true,
  locationRegion: place,
} satisfies Prisma.TrainingOrderSelect;
