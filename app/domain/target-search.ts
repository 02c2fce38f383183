// What a coordinator may filter postings and training orders by (shared by the search page and its service).
export const TARGET_PAGE_SIZE = 20;
/** Posting statuses a coordinator sees (drafts are the employer's own business). */
export const POSTING_STATUSES = ["OPEN", "FILLED", "CLOSED", "EXPIRED"] as const;
export const ORDER_STATUSES = ["SUBMITTED", "APPROVED", "REJECTED", "IN_PROGRESS", "COMPLETED", "CANCELLED"] as const;
export const ORDER_KINDS = ["ORDER_BASED", "POST_BASED", "COMPOUND"] as const;
