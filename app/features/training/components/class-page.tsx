// One class page for coordinators and provider staff: facts and rule, the order's hiring
// commitment, sessions (add / remove / take attendance), the list of trainees (masked) with
// dropout and assessment forms, enrolment (coordinators), and finishing by the completion rule.
// Every form posts an `intent`; replies come back keyed by intent and row (ClassReply).
import { Badge } from "~/components/badge";
import { Message } from "~/components/message";
import { chinaClock } from "~/platform/china-time";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ParseKeys } from "i18next";
import { DROP_REASONS, type ClassStatus, type EnrollmentStatus } from "~/domain/training-class";
import { CERTIFICATE_LEVELS } from "~/domain/subsidy";
import type { ClassReply } from "~/platform/reply";
import type { ClassPageData } from "../class-pages";
import { Fact } from "~/features/employers/index";
import { IntentButton, Options } from "~/components/forms";
import { PlainField } from "~/components/plain-field";
import { Card } from "~/components/card";
import { Stats } from "~/components/stats";
import { FormErrors } from "~/components/form-errors";
import { useLocalName, usePunct } from "~/components/local-name";

type Data = ClassPageData;

const clock = (iso: string) => chinaClock(new Date(iso));
const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)}%`);

const CLASS_TONE: Record<ClassStatus, string> = { PLANNED: "warn", RUNNING: "ok", FINISHED: "", CANCELLED: "red" };

export function ClassStatusBadge({ status }: { status: ClassStatus }) {
  return <Badge status={status} tone={CLASS_TONE[status]} label={`training.classStatus.${status}`} />;
}

const ENROLLMENT_TONE: Record<EnrollmentStatus, string> = { WAITLISTED: "warn", ENROLLED: "ok", COMPLETED: "ok", FAILED: "red", DROPPED: "red" };

export function EnrollmentBadge({ status }: { status: EnrollmentStatus }) {
  return <Badge status={status} tone={ENROLLMENT_TONE[status]} label={`training.enrollmentStatus.${status}`} />;
}

/** Field-level errors of the reply for this form (intent + row). */
function useReply(intent: string | string[], target?: string) {
  const data = useActionData<ClassReply>();
  const intents = Array.isArray(intent) ? intent : [intent];
  if (!data || !intents.includes(data.intent) || (target !== undefined && data.target !== target)) return null;
  return data;
}

type ReplyFieldProps = { id: string; name: string; label: string; reply: ClassReply | null; defaultValue?: string };

/** An input of a class-page form: the value as typed and the problems come back in the reply. */
function Input({ type = "text", inputMode, ...field }: ReplyFieldProps & { type?: string; inputMode?: "numeric" }) {
  return (
    <PlainField id={field.id} label={field.label} errors={field.reply?.fieldErrors?.[field.name]}>
      {(control) => (
        <input {...control} name={field.name} type={type} inputMode={inputMode} defaultValue={field.reply?.values?.[field.name] ?? field.defaultValue} />
      )}
    </PlainField>
  );
}

/** A select of a class-page form, "choose" first. */
function Select({ choices, ...field }: ReplyFieldProps & { choices: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <PlainField id={field.id} label={field.label} errors={field.reply?.fieldErrors?.[field.name]}>
      {(control) => (
        <select {...control} name={field.name} defaultValue={field.reply?.values?.[field.name] ?? field.defaultValue ?? ""}>
          <Options first={t("emp.choose")} options={choices} />
        </select>
      )}
    </PlainField>
  );
}

/** The class page as a page of an area's classes (`classes`: "/coordinator/classes", "/provider/classes"), from its loader (classRouteLoader). */
export function ClassPageRoute({ classes }: { classes: string }) {
  const data = useLoaderData<Data>();
  return <ClassPage data={data} base={`${classes}/${data.cls.id}`} />;
}

export function ClassPage({ data, base }: { data: Data; base: string }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  const { cls, can } = data;
  const last = useActionData<ClassReply>();
  const open = cls.status === "PLANNED" || cls.status === "RUNNING";
  const counts = {
    enrolled: data.enrollments.filter((e) => e.status === "ENROLLED").length,
    waitlisted: data.enrollments.filter((e) => e.status === "WAITLISTED").length,
  };
  return (
    <>
      <section className="card">
        <h1 data-testid="class-title">
          {cls.name} <ClassStatusBadge status={cls.status} />
        </h1>
        {last?.done && !last.results ? (
          <Message>{last.done === "finished" && last.counts ? t("training.cls.finished", last.counts) : t("training.cls.saved")}</Message>
        ) : null}
        {!last?.target ? <FormErrors errors={last?.formErrors} /> : null}
        <dl className="facts">
          <dt>{t("training.form.occupation")}</dt>
          <dd>
            {name({ name: cls.occupation.nameZh, nameEn: cls.occupation.nameEn })} · {t(`trainingKind.${cls.kind}`)}
          </dd>
          <dt>{t("training.cls.provider")}</dt>
          <dd>{cls.provider.name}</dd>
          <dt>{t("training.cls.county")}</dt>
          <dd>{name(cls.region)}</dd>
          <dt>{t("training.cls.dates")}</dt>
          <dd>
            {cls.startDate} – {cls.endDate}
          </dd>
          <Fact term={t("training.cls.location")}>{cls.location}</Fact>
          <Fact term={t("training.cls.trainers")}>{cls.trainers.join(punct.enumeration)}</Fact>
          <dt>{t("training.cls.rule")}</dt>
          <dd>
            {t("training.cls.ruleText", { threshold: cls.attendanceThreshold })}
            {cls.assessmentRequired ? t("training.cls.ruleAssessment") : ""}
          </dd>
          <dt>{t("training.cls.order")}</dt>
          <dd>
            {cls.trainingOrder ? (
              can.coordinator ? (
                <Link to={`/coordinator/orders/${cls.trainingOrder.id}`}>{cls.trainingOrder.title}</Link>
              ) : (
                cls.trainingOrder.title
              )
            ) : (
              t("training.countyPlan")
            )}
            {cls.trainingOrder ? ` · ${cls.trainingOrder.employer}` : ""}
          </dd>
        </dl>
        {cls.status === "PLANNED" && can.run ? (
          <Form method="post" className="row actions">
            <button type="submit" name="intent" value="start" className="secondary" data-testid="class-start">
              {t("training.cls.start")}
            </button>
          </Form>
        ) : null}
      </section>

      {data.commitment ? (
        <section className="card" data-testid="class-commitment">
          <h2>{t("training.cls.commitment")}</h2>
          <p>{t("training.cls.commitmentText", { committed: data.commitment.committedHires, wage: data.commitment.commitWage ?? "—" })}</p>
          <Stats
            items={[
              {
                key: "verified",
                value: <span data-testid="commitment-hires">{`${data.commitment.hires}/${data.commitment.committedHires}`}</span>,
                label: t("training.cls.hiresVerified"),
              },
              { key: "pending", value: data.commitment.pendingHires, label: t("training.cls.hiresPending") },
              { key: "hiredMatches", value: data.hiredMatches, label: t("training.cls.hiredMatches") },
            ]}
          />
          <p className="hint muted">{t("training.cls.commitmentExplain")}</p>
        </section>
      ) : null}

      <section className="card" data-testid="class-completion">
        <h2>
          {t("training.cls.completionRate")}
          {punct.colon}
          <span data-testid="class-rate">{pct(data.rate?.rate ?? null)}</span>
        </h2>
        {data.rate ? (
          <p className="muted">
            {t("training.rates.completed")} {data.rate.completed} · {t("training.rates.failed")} {data.rate.failed} · {t("training.rates.dropped")}{" "}
            {data.rate.dropped} · {t("training.rates.enrolled")} {data.rate.enrolled}
          </p>
        ) : null}
        <p className="hint muted">{t("training.rates.explain")}</p>
        {open && can.run ? <FinishForm data={data} /> : null}
      </section>

      <Sessions data={data} base={base} />
      {can.coordinator && open ? <Enrolment data={data} /> : null}

      <Card title={t("training.cls.roster")}>
        <p className="muted">
          {t("training.cls.rosterCount", { enrolled: counts.enrolled, capacity: cls.capacity, waitlisted: counts.waitlisted })} {t("training.cls.maskedNote")}
        </p>
        {data.enrollments.length === 0 ? (
          <p className="empty">{t("training.cls.noRoster")}</p>
        ) : (
          <ul className="plain-list class-roster" data-testid="class-roster">
            {data.enrollments.map((e) => (
              <RosterRow key={e.id} e={e} data={data} />
            ))}
          </ul>
        )}
      </Card>

      {can.coordinator && open ? <EditForm data={data} /> : null}
    </>
  );
}

function FinishForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const reply = useReply("finish");
  const nav = useNavigation();
  const check = data.finish;
  return (
    <Form method="post" data-testid="finish-form">
      <h3>{t("training.cls.finish")}</h3>
      <p className="hint">{t("training.cls.finishHint")}</p>
      <input type="hidden" name="version" value={String(data.cls.version)} />
      {check && !check.ok ? (
        <p className="muted" data-testid="finish-blocked">
          {t(`training.refusal.${check.reason}`)}
          {check.count ? ` (${check.count})` : ""}
        </p>
      ) : null}
      <FormErrors errors={reply?.formErrors} />
      <button type="submit" name="intent" value="finish" className="primary" disabled={!check?.ok || nav.state !== "idle"} data-testid="class-finish">
        {t("training.cls.finishButton")}
      </button>
    </Form>
  );
}

function Sessions({ data, base }: { data: Data; base: string }) {
  const { t } = useTranslation();
  const open = data.cls.status === "PLANNED" || data.cls.status === "RUNNING";
  const addReply = useReply("addSession");
  const removeReply = useReply("removeSession");
  return (
    <Card
      title={
        <>
          {t("training.cls.sessions")} <small className="muted">{t("training.cls.sessionCount", { count: data.sessionCount })}</small>
        </>
      }
    >
      <FormErrors errors={removeReply?.formErrors} />
      {data.sessions.length === 0 ? (
        <p className="empty">{t("training.cls.noSessions")}</p>
      ) : (
        <ul className="plain-list class-sessions" data-testid="class-sessions">
          {data.sessions.map((s) => (
            <li key={s.id} data-testid="session-row" data-session-id={s.id} data-day={s.day} className={s.isToday ? "today" : undefined}>
              <span>
                {s.day} {clock(s.startsAt)}–{clock(s.endsAt)}
                {s.topic ? ` · ${s.topic}` : ""}
                {s.isToday ? (
                  <>
                    {" "}
                    <span className="badge warn">{t("training.cls.today")}</span>
                  </>
                ) : null}
              </span>
              <span className="row">
                <span className={s.marked ? "badge ok" : "badge"}>{s.marked ? t("training.cls.marked") : t("training.cls.notMarked")}</span>
                {data.can.run ? (
                  <Link className="button secondary" to={`${base}/sessions/${s.id}`} data-testid="session-mark">
                    {open ? t("training.cls.markAttendance") : t("training.cls.viewAttendance")}
                  </Link>
                ) : null}
                {open && data.can.run && !s.marked ? (
                  <IntentButton name="sessionId" value={s.id} intent="removeSession" className="secondary">
                    {t("training.cls.removeSession")}
                  </IntentButton>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && data.can.run ? (
        <details>
          <summary>{t("training.cls.addSession")}</summary>
          <Form method="post" className="employer-form">
            <Input id="session-day" name="day" type="date" label={t("training.cls.day")} reply={addReply} />
            <div className="pair">
              <Input id="session-start" name="startTime" type="time" label={t("training.form.startTime")} reply={addReply} defaultValue="09:00" />
              <Input id="session-end" name="endTime" type="time" label={t("training.form.endTime")} reply={addReply} defaultValue="17:00" />
            </div>
            <Input id="session-topic" name="topic" label={t("training.cls.topic")} reply={addReply} />
            <FormErrors errors={addReply?.formErrors} />
            <button type="submit" name="intent" value="addSession" className="secondary">
              {t("training.cls.add")}
            </button>
          </Form>
        </details>
      ) : null}
    </Card>
  );
}

function EnrolResults() {
  const { t } = useTranslation();
  const reply = useReply(["enrolWorker", "enrolMatch", "enrolAll"]);
  if (!reply) return null;
  if (reply.formErrors || reply.fieldErrors) return <FormErrors errors={[...(reply.formErrors ?? []), ...Object.values(reply.fieldErrors ?? {}).flat()]} />;
  if (!reply.results) return null;
  return (
    <ul className="plain-list notice" role="status" data-testid="enrol-results">
      {reply.results.map((r) => (
        <li key={r.workerId} data-outcome={r.outcome}>
          {r.outcome === "ENROLLED"
            ? t("training.cls.enrolled", { name: r.name })
            : r.outcome === "WAITLISTED"
              ? t("training.cls.waitlisted", { name: r.name })
              : "message" in r
                ? t("training.cls.refusedLine", { name: r.name, message: t(r.message, { other: r.otherClass }) })
                : null}
        </li>
      ))}
    </ul>
  );
}

function Enrolment({ data }: { data: Data }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <section className="card" data-testid="class-enrolment">
      <h2>{t("training.cls.enrol")}</h2>
      <EnrolResults />
      {data.cls.trainingOrder ? (
        <>
          <h3>{t("training.cls.enrolAccepted")}</h3>
          {data.accepted.length === 0 ? (
            <p className="muted">{t("training.cls.noAccepted")}</p>
          ) : (
            <>
              <ul className="plain-list" data-testid="accepted-list">
                {data.accepted.map((m) => (
                  <EnrolRow key={m.id} name={m.name} idNumberMasked={m.idNumberMasked} county={m.county} idField="matchId" id={m.id} intent="enrolMatch" />
                ))}
              </ul>
              <Form method="post" className="row actions">
                <button type="submit" name="intent" value="enrolAll" className="primary" disabled={nav.state !== "idle"} data-testid="enrol-all">
                  {t("training.cls.enrolAll", { count: data.accepted.length })}
                </button>
              </Form>
            </>
          )}
        </>
      ) : null}
      <Form method="get" className="row" role="search">
        <div className="field grow">
          <label htmlFor="enrol-q">{t("training.cls.search")}</label>
          <input id="enrol-q" name="q" defaultValue={data.q} />
        </div>
        <button type="submit" className="secondary">
          {t("training.cls.searchButton")}
        </button>
      </Form>
      {data.q ? (
        data.found.length === 0 ? (
          <p className="muted">{t("training.cls.noResults")}</p>
        ) : (
          <ul className="plain-list" data-testid="enrol-search-results">
            {data.found.map((w) => (
              <EnrolRow key={w.id} name={w.fullName} idNumberMasked={w.idNumberMasked} county={w.county} idField="workerId" id={w.id} intent="enrolWorker" />
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}

/** Someone who may be enrolled (an accepted match, a person found), and the button that enrols them. */
function EnrolRow({
  name,
  idNumberMasked,
  county,
  idField,
  id,
  intent,
}: {
  name: string;
  idNumberMasked: string;
  county: Data["accepted"][number]["county"];
  idField: "matchId" | "workerId";
  id: string;
  intent: "enrolMatch" | "enrolWorker";
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const nav = useNavigation();
  return (
    <li className="row spread">
      <span>
        {name}{" "}
        <small className="muted">
          {idNumberMasked} · {localName(county)}
        </small>
      </span>
      <IntentButton name={idField} value={id} intent={intent} className="secondary" disabled={nav.state !== "idle"}>
        {t("training.cls.enrolOne")}
      </IntentButton>
    </li>
  );
}

type Enr = Data["enrollments"][number];

function RosterRow({ e, data }: { e: Enr; data: Data }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const open = data.cls.status === "PLANNED" || data.cls.status === "RUNNING";
  const dropReply = useReply("drop", e.id);
  const assessReply = useReply("assess", e.id);
  const removeReply = useReply("remove", e.id);
  const revealed = useReply("revealDropNote", e.id)?.revealed;
  /** A field of this row's assessment form: its id carries the row, its problems come in the form's reply. */
  const assessField = (id: string, field: string, label: ParseKeys) => ({ id: `${id}-${e.id}`, name: field, label: t(label), reply: assessReply });
  const seated = e.status === "ENROLLED";
  return (
    <li data-testid="roster-row" data-enrollment-id={e.id} data-status={e.status}>
      <div className="row spread">
        <strong>{e.worker.name}</strong>
        <EnrollmentBadge status={e.status} />
      </div>
      <small className="muted">
        {e.worker.idNumberMasked}
        {e.worker.phoneMasked ? ` · ${e.worker.phoneMasked}` : ""} · {name(e.worker.county)}
      </small>
      {e.status !== "WAITLISTED" ? (
        <p className="muted small">
          {t("training.cls.attendanceSummary", { present: e.present, marked: e.marked })}
          {e.wouldBe ? ` · ${t("training.cls.wouldBe", { outcome: t(`training.enrollmentStatus.${e.wouldBe}`), pct: e.attendancePct })}` : ""}
        </p>
      ) : null}
      {e.assessment ? (
        <p className="small">
          {t("training.cls.assessed", {
            result:
              (e.assessment.passed ? t("training.cls.passedYes") : t("training.cls.passedNo")) +
              (e.assessment.score !== null ? ` ${e.assessment.score}` : "") +
              (e.assessment.certificateNumber ? ` · ${e.assessment.certificateNumber}` : "") +
              (e.assessment.certificateLevel ? ` · ${t(`training.certificateLevels.${e.assessment.certificateLevel}`)}` : ""),
          })}
        </p>
      ) : null}
      {e.status === "DROPPED" && e.dropReason ? (
        <div className="row small" data-testid="drop-reason">
          <span>
            {t("training.cls.dropped", { reason: t(`training.dropReasons.${e.dropReason}`) })}
            {revealed !== undefined ? (
              <>
                {" — "}
                <span data-testid="drop-note">{revealed}</span> <small className="muted">{t("common.revealed")}</small>
              </>
            ) : e.hasDropNote ? (
              <> — {t("training.cls.dropNoteHidden")}</>
            ) : null}
          </span>
          {e.hasDropNote && revealed === undefined ? (
            <IntentButton name="enrollmentId" value={e.id} intent="revealDropNote" className="linklike">
              {t("training.cls.dropNoteReveal")}
            </IntentButton>
          ) : null}
        </div>
      ) : null}
      {[dropReply, assessReply, removeReply].map((r, i) => (
        <FormErrors key={i} errors={r?.formErrors} />
      ))}
      {open && data.can.run && seated ? (
        <details open={!!assessReply?.fieldErrors}>
          <summary>{t("training.cls.assessment")}</summary>
          <Form method="post" className="employer-form">
            <input type="hidden" name="enrollmentId" value={e.id} />
            <div className="pair">
              <Input {...assessField("score", "score", "training.cls.score")} inputMode="numeric" defaultValue={e.assessment?.score?.toString()} />
              <Select
                {...assessField("passed", "passed", "training.cls.passed")}
                defaultValue={e.assessment ? (e.assessment.passed ? "yes" : "no") : undefined}
                choices={[
                  { value: "yes", label: t("training.cls.passedYes") },
                  { value: "no", label: t("training.cls.passedNo") },
                ]}
              />
            </div>
            <Input {...assessField("cert", "certificateNumber", "training.cls.certificate")} defaultValue={e.assessment?.certificateNumber ?? undefined} />
            <Select
              {...assessField("level", "certificateLevel", "training.cls.certificateLevel")}
              defaultValue={e.assessment?.certificateLevel ?? undefined}
              choices={CERTIFICATE_LEVELS.map((l) => ({ value: l, label: t(`training.certificateLevels.${l}`) }))}
            />
            <button type="submit" name="intent" value="assess" className="secondary">
              {t("training.cls.assessmentSave")}
            </button>
          </Form>
        </details>
      ) : null}
      {open && data.can.run && (seated || e.status === "WAITLISTED") ? (
        <details open={!!dropReply?.fieldErrors}>
          <summary>{e.status === "WAITLISTED" ? t("training.cls.leaveWaitlist") : t("training.cls.drop")}</summary>
          <Form method="post" className="employer-form">
            <input type="hidden" name="enrollmentId" value={e.id} />
            <Select
              id={`reason-${e.id}`}
              name="dropReason"
              label={t("training.cls.dropReason")}
              reply={dropReply}
              choices={DROP_REASONS.map((r) => ({ value: r, label: t(`training.dropReasons.${r}`) }))}
            />
            <Input id={`note-${e.id}`} name="dropNote" label={t("training.cls.dropNote")} reply={dropReply} />
            <button type="submit" name="intent" value="drop" className="secondary">
              {t("training.cls.dropSubmit")}
            </button>
          </Form>
        </details>
      ) : null}
      {open && data.can.coordinator && (e.status === "WAITLISTED" || (seated && e.marked === 0)) ? (
        <IntentButton name="enrollmentId" value={e.id} intent="remove" className="linklike">
          {t("training.cls.remove")}
        </IntentButton>
      ) : null}
    </li>
  );
}

function EditForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const reply = useReply("edit");
  const { cls } = data;
  const checked = reply?.values ? reply.values.assessmentRequired === "on" : cls.assessmentRequired;
  const optional = (label: ParseKeys) => t("emp.optionalLabel", { label: t(label) });
  const texts = [
    { id: "edit-name", name: "name", label: t("training.form.name"), defaultValue: cls.name },
    { id: "edit-location", name: "location", label: optional("training.form.location"), defaultValue: cls.location ?? "" },
    { id: "edit-trainers", name: "trainers", label: optional("training.form.trainers"), defaultValue: cls.trainers.join("，") },
  ];
  const numbers = [
    { id: "edit-capacity", name: "capacity", label: t("training.form.capacity"), defaultValue: String(cls.capacity) },
    { id: "edit-threshold", name: "attendanceThreshold", label: t("training.form.threshold"), defaultValue: String(cls.attendanceThreshold) },
  ];
  return (
    <section className="card">
      <details open={!!reply?.fieldErrors || !!reply?.formErrors}>
        <summary>{t("training.form.edit")}</summary>
        <Form method="post" className="employer-form">
          <input type="hidden" name="version" value={String(cls.version)} />
          <FormErrors errors={reply?.formErrors} />
          {texts.map((f) => (
            <Input key={f.id} {...f} reply={reply} />
          ))}
          <div className="pair">
            {numbers.map((f) => (
              <Input key={f.id} {...f} inputMode="numeric" reply={reply} />
            ))}
          </div>
          <div className="field checkbox-field">
            <label className="check" htmlFor="edit-assessment">
              <input id="edit-assessment" type="checkbox" name="assessmentRequired" defaultChecked={checked} />
              <span>{t("training.form.assessmentRequired")}</span>
            </label>
          </div>
          <button type="submit" name="intent" value="edit" className="primary">
            {t("training.form.save")}
          </button>
        </Form>
      </details>
    </section>
  );
}
