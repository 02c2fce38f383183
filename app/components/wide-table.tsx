// A table wider than a phone: it scrolls sideways inside its box (never the page), its first
// column stays in place while the rest scroll, and on a narrow screen a line above it says so.
// The box is focusable so the keyboard can scroll it too.
import { useTranslation } from "react-i18next";

export function WideTable({ label, children }: { label: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="table-hint" data-testid="table-hint">
        {t("lists.scrollHint")}
      </p>
      <div className="table-wrap wide" role="region" aria-label={label} tabIndex={0}>
        {children}
      </div>
    </>
  );
}
