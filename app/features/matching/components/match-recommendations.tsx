// The job seeker's "为你推荐": jobs and training proposed to them, each with matching's reason in
// plain words, and training that would open a job they nearly matched. Public facts only.
import { useTranslation } from "react-i18next";
import { useLocalName, usePunct } from "~/features/employers/index";
import { useExplanation } from "./match-factors";

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
  const punct = usePunct();
  const empty = jobs.length + training.length + suggestions.length === 0;
  return (
    <section className="card" data-testid="recommendations">
      <h2>{t("matching.me.title")}</h2>
      {empty ? <p className="empty">{t("matching.me.empty")}</p> : <p className="hint muted">{t("matching.me.intro")}</p>}
      {jobs.length ? (
        <>
          <h3>{t("matching.me.jobs")}</h3>
          <ul className="match-list">
            {jobs.map((j) => (
              <li key={j.id} className="candidate" data-testid="recommended-job">
                <strong>{j.posting.title}</strong>
                <p className="muted">
                  {j.posting.employer.name} · {name(j.posting.workRegion)} · {t("matching.wageRange", { min: j.posting.wageMin, max: j.posting.wageMax })}
                </p>
                <p>
                  <span className="muted">
                    {t("matching.me.why")}
                    {punct.colon}
                  </span>
                  {explain(j)}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {training.length ? (
        <>
          <h3>{t("matching.me.training")}</h3>
          <ul className="match-list">
            {training.map((o) => (
              <li key={o.id} className="candidate" data-testid="recommended-training">
                <strong>{o.order.title}</strong>
                <p className="muted">
                  {t(`trainingKind.${o.order.kind}`)} · {o.order.employer.name} · {name(o.order.locationRegion)} ·{" "}
                  {t("matching.me.hours", { hours: o.order.trainingHours })}
                </p>
                <p>
                  <span className="muted">
                    {t("matching.me.why")}
                    {punct.colon}
                  </span>
                  {explain(o)}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {suggestions.length ? (
        <>
          <h3>{t("matching.me.suggestions")}</h3>
          <ul className="match-list">
            {suggestions.map((s) => (
              <li key={s.id} className="candidate" data-testid="training-suggestion">
                <p>{t("matching.me.suggestion", { posting: s.posting.title, employer: s.posting.employer.name, order: s.order.title })}</p>
                <p className="muted">
                  {name(s.order.locationRegion)} · {t("matching.me.hours", { hours: s.order.trainingHours })}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
