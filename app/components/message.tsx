// The line that says what just happened: done (`notice`, read out politely) or refused / failed
// (`form-error`, read out at once). Nothing is drawn when there is nothing to say, so a page
// writes `<Message>{done && t("…")}</Message>` instead of a conditional around the markup.
export function Message({ kind = "status", testId, children }: { kind?: "status" | "alert"; testId?: string; children: React.ReactNode }) {
  if (children === null || children === undefined || children === false || children === "") return null;
  return (
    <p className={kind === "status" ? "notice" : "form-error"} role={kind} data-testid={testId}>
      {children}
    </p>
  );
}
