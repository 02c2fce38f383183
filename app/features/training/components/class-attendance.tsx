// Marking a whole session in one pass on a phone: every row starts as present (or as marked
// before), one tap turns it absent or excused, one submit saves them all. Works without
// JavaScript (radio buttons in one form). After the 48-hour window a coordinator sees a reason
// field; provider staff see the marks read-only.
import { Message } from "~/components/message";
import { chinaClock } from "~/platform/china-time";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "~/domain/training-class";
import type { SheetReply } from "~/platform/reply";
import type { SessionPageData } from "../class-pages";
import { ErrorList } from "~/components/forms";
import { PlainField } from "~/components/plain-field";
import { FormErrors } from "~/components/form-errors";

type Data = SessionPageData;

/**
 * The attendance sheet as a page of an area's classes (`classes`: "/coordinator/classes", "/provider/classes"),
 * from its loader (sessionRouteLoader); each session gets a new sheet.
 */
export function AttendanceSheetRoute({ classes }: { classes: string }) {
  const data = useLoaderData<Data>();
  return <AttendanceSheet key={data.session.id} data={data} base={`${classes}/${data.cls.id}`} />;
}

export function AttendanceSheet({ data, base }: { data: Data; base: string }) {
  const { t } = useTranslation();
  const reply = useActionData<SheetReply>();
  const nav = useNavigation();
  const editable = data.edit.ok;
  const needsReason = data.edit.ok && data.edit.reasonRequired;
  const initial = (i: number, r: Data["rows"][number]): AttendanceStatus =>
    (reply?.values?.[`marks[${i}].status`] as AttendanceStatus | undefined) ?? r.status ?? "PRESENT";
  const [marks, setMarks] = useState<AttendanceStatus[]>(() => data.rows.map((r, i) => initial(i, r)));
  const tally = (s: AttendanceStatus) => marks.filter((m) => m === s).length;
  const { session } = data;
  const classPath = base;
  return (
    <>
      <p>
        <Link to={classPath}>← {data.cls.name}</Link>
      </p>
      <section className="card" data-testid="attendance-sheet">
        <h1>
          {t("training.sheet.title")} · {session.day}
        </h1>
        <p className="muted">
          {t("training.sheet.session", { number: session.number, of: session.of })} · {chinaClock(new Date(session.startsAt))}–
          {chinaClock(new Date(session.endsAt))}
          {session.topic ? ` · ${session.topic}` : ""}
        </p>
        {reply?.changed !== undefined ? (
          <Message>
            <span data-testid="attendance-saved">{t("training.sheet.saved", { count: reply.changed })}</span>
          </Message>
        ) : null}
        <FormErrors errors={reply?.formErrors} />
        {!data.edit.ok ? (
          <p className="notice" data-testid="attendance-readonly">
            {t(`training.sheet.${data.edit.reason}`)}
          </p>
        ) : (
          <p className="hint">{t("training.sheet.hint")}</p>
        )}
        {data.rows.length === 0 ? (
          <p className="empty">{t("training.sheet.nobody")}</p>
        ) : (
          <Form method="post" replace>
            <ol className="plain-list attendance-list">
              {data.rows.map((r, i) => (
                <li key={r.enrollmentId} className="attendance-row" data-testid="attendance-row" data-enrollment-id={r.enrollmentId} data-status={marks[i]}>
                  <input type="hidden" name={`marks[${i}].enrollmentId`} value={r.enrollmentId} />
                  <span className="who">
                    <strong>{r.name}</strong> <small className="muted">{r.idNumberMasked}</small>
                  </span>
                  <span className="seg" role="radiogroup" aria-label={r.name}>
                    {ATTENDANCE_STATUSES.map((s) => (
                      <label key={s} className={`seg-${s.toLowerCase()}`}>
                        <input
                          type="radio"
                          name={`marks[${i}].status`}
                          value={s}
                          checked={marks[i] === s}
                          disabled={!editable}
                          onChange={() => setMarks((m) => m.map((x, j) => (j === i ? s : x)))}
                          data-testid={`mark-${i}-${s}`}
                        />
                        <span>{t(`training.attendance.${s}`)}</span>
                      </label>
                    ))}
                  </span>
                </li>
              ))}
            </ol>
            <ErrorList errors={reply?.fieldErrors?.marks} />
            <p className="muted" aria-live="polite" data-testid="attendance-tally">
              {t("training.sheet.counts", { present: tally("PRESENT"), absent: tally("ABSENT"), excused: tally("EXCUSED") })}
            </p>
            {needsReason ? (
              <PlainField id="attendance-reason" label={t("training.sheet.reason")} hint={t("training.sheet.reasonHint")} errors={reply?.fieldErrors?.reason}>
                {(control) => <textarea {...control} name="reason" rows={2} maxLength={200} defaultValue={reply?.values?.reason ?? ""} />}
              </PlainField>
            ) : null}
            {editable ? (
              <button type="submit" className="primary wide" disabled={nav.state !== "idle"} data-testid="attendance-submit">
                {t("training.sheet.submit", { count: data.rows.length })}
              </button>
            ) : null}
          </Form>
        )}
        <p className="row spread">
          {data.prev ? <Link to={`${base}/sessions/${data.prev}`}>{t("training.sheet.prev")}</Link> : <span />}
          {data.next ? <Link to={`${base}/sessions/${data.next}`}>{t("training.sheet.next")}</Link> : <span />}
        </p>
      </section>
    </>
  );
}
