// English for sections/desk.ts (a file of its own so that the browser loads one language only).
import type { zh } from "./desk";

export const en: typeof zh = {
  todayTitle: "Today's work",
  todayNote: "How many items wait in your region; each opens its list.",
  nothing: "Nothing waiting right now.",
  employersToVerify: "Employers to verify",
  ordersToApprove: "Training orders to approve",
  placementsToVerify: "Placements to verify",
  followUpsDue: "Follow-ups due",
  followUpsOverdue: "Follow-ups overdue",
  importsWithErrors: "Roster imports with errors",
  workersLink: "Job seekers",
};
