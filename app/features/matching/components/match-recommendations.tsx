// The job seeker's "为你推荐": jobs and training proposed to them, each with matching's reason in
// plain words, and training that would open a job they nearly matched. Public facts only.
import { useTranslation } from "react-i18next";
import { useExplanation } from "./match-factors";
import { useLocalName, usePunct } from "~/components/local-name";

type Named = { name: string; nameEn: string | null };
type Explained = { id: string; explanationZh: string; explanationEn: string | null };

export function Recommendations({
  jobs,
  training,
  suggestions,
}: {
  jobs: (Explained & { posting: { title: string; wageMin: number; wageMax: number; employer: { name: string }; workRegion: Named } })[];
  training: (Explained & {
    order: { title: string; kind: string; trainingHours: number; commitWage: number | null; employer: { name: string }; locationRegion: Named };
  })[];
  suggestions: (Explained & {
    posting: { title: string; employer: { name: string } };
    order: { title: string; trainingHours: number; locationRegion: Named };
  })[];
}) {
  const { t } = useTranslation();
  const explain = useExplanation();
  const name = useLocalName();
  const empty = jobs.length + training.length + suggestions.length === 0;
  return (
    <section className="card" data-testid="recommendations">
      <h2>{t("matching.me.title")}</h2>
      {empty ? <p className="empty">{t("matching.me.empty")}</p> : <p className="hint muted">{t("matching.me.intro")}</p>}
      <Group title={t("matching.me.jobs")} count={jobs.length}>
        {jobs.map((j) => (
          <Recommended key={j.id} testId="recommended-job" title={j.posting.title} why={explain(j)}>
            {j.posting.employer.name} · {name(j.posting.workRegion)} · {t("matching.wageRange", { min: j.posting.wageMin, max: j.posting.wageMax })}
          </Recommended>
        ))}
      </Group>
      <Group title={t("matching.me.training")} count={training.length}>
        {training.map((o) => (
          <Recommended key={o.id} testId="recommended-training" title={o.order.title} why={explain(o)}>
            {t(`trainingKind.${o.order.kind}`)} · {o.order.employer.name} · {name(o.order.locationRegion)} ·{" "}
            {t("matching.me.hours", { hours: o.order.trainingHours })}
          </Recommended>
        ))}
      </Group>
      <Group title={t("matching.me.suggestions")} count={suggestions.length}>
        {suggestions.map((s) => (
          <li key={s.id} className="candidate" data-testid="training-suggestion">
            <p>{t("matching.me.suggestion", { posting: s.posting.title, employer: s.posting.employer.name, order: s.order.title })}</p>
            <p className="muted">
              {name(s.order.locationRegion)} · {t("matching.me.hours", { hours: s.order.trainingHours })}
            </p>
          </li>
        ))}
      </Group>
    </section>
  );
}

/** One kind of recommendation under its heading; nothing when there is none. */
function Group({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  if (!count) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="match-list">{children}</ul>
    </>
  );
}

/** A job or a class proposed: its title, its facts (`children`) and matching's reason. */
function Recommended({ testId, title, why, children }: { testId: string; title: string; why: React.ReactNode; children: React.ReactNode }) {
  const { t } = useTranslation();
  const punct = usePunct();
  return (
    <li className="candidate" data-testid={testId}>
      <strong>{title}</strong>
      <p className="muted">{children}</p>
      <p>
        <span className="muted">
          {t("matching.me.why")}
          {punct.colon}
        </span>
        {why}
      </p>
    </li>
  );
}
