// A status as a badge: its words in the reader's language, a tone for its colour, and the status
// itself in data-status (what tests and styles read).
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";

/** `tone` colours the badge ("ok", "warn", "red"; none for a plain one); `label` is the message key of its words. */
export function Badge({ status, tone, label, testId }: { status: string; tone?: string; label: ParseKeys; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={tone ? `badge ${tone}` : "badge"} data-status={status} data-testid={testId}>
      {t(label)}
    </span>
  );
}
