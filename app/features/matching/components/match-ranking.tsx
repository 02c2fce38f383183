// The coordinator's view of one posting's or training order's ranking: ranked people with the
// explanation and factor breakdown, then "why not" for the strongest left out, with the training
// suggestion linking to the suggested order. Also the worker page's list of matched targets.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FactorRow, NearMissReason } from "~/domain/match-display";
import { FactorBreakdown, LazyBreakdown, MatchScore, NearMissReasons, useExplanation } from "./match-factors";
import { StatusBadge } from "~/components/status-badge";
import { useLocalName } from "~/components/local-name";
import { Message } from "~/components/message";

type Named = { name: string; nameEn: string | null };
type StaffWorker = {
  id: string;
  fullName: string;
  isRegisteredPoor: boolean;
  hasPriorityFactors: boolean;
  atRiskOfPoverty: boolean;
  status: string;
  county: Named;
};
type Explained = { explanationZh: string; explanationEn: string | null };
type Suggestion = { id: string; title: string; occupation: { nameZh: string; nameEn: string } } | null;

export type RankedMatch = Explained & { id: string; rank: number | null; score: number; status: string; hardConstraintsMet: boolean; worker: StaffWorker };
export type NearMissView = Explained & { id: string; score: number; reasons: NearMissReason[]; worker: StaffWorker; suggestedTrainingOrder: Suggestion };

export function WorkerTags({ w }: { w: Pick<StaffWorker, "isRegisteredPoor" | "hasPriorityFactors" | "atRiskOfPoverty"> }) {
  const { t } = useTranslation();
  return (
    <>
      {w.isRegisteredPoor ? <span className="badge red">{t("matching.tags.poor")}</span> : null}
      {w.hasPriorityFactors ? <span className="badge warn">{t("matching.tags.priority")}</span> : null}
      {w.atRiskOfPoverty ? <span className="badge warn">{t("matching.tags.atRisk")}</span> : null}
    </>
  );
}

export function RematchButton({ done, failed }: { done?: boolean; failed?: boolean }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <Form method="post" className="match-rematch">
      <button type="submit" name="intent" value="rematch" className="secondary" disabled={nav.state !== "idle"} data-testid="rematch">
        {t("matching.rematch")}
      </button>
      <Message>{done && t("matching.rematchQueued")}</Message>
      {failed ? (
        <p className="form-error" role="alert">
          {t("matching.rematchFailed")}
        </p>
      ) : null}
    </Form>
  );
}

export function RankedMatches({ matches }: { matches: RankedMatch[] }) {
  const { t } = useTranslation();
  const explain = useExplanation();
  const name = useLocalName();
  if (matches.length === 0)
    return (
      <p className="empty" data-testid="no-matches">
        {t("matching.noMatches")}
      </p>
    );
  return (
    <ol className="match-list" data-testid="ranked-matches">
      {matches.map((m) => (
        <li key={m.id} className="candidate" data-testid="ranked-match">
          <div className="candidate-head">
            {m.rank !== null ? <span className="badge">{t("matching.rank", { rank: m.rank })}</span> : null}
            <Link className="candidate-name" to={`/coordinator/workers/${m.worker.id}`}>
              {m.worker.fullName}
            </Link>
            <StatusBadge kind="match" status={m.status} />
            <MatchScore score={m.score} />
          </div>
          <p className="muted">
            {name(m.worker.county)} <WorkerTags w={m.worker} />
          </p>
          {!m.hardConstraintsMet ? <p className="badge warn">{t("matching.hardNotMet")}</p> : null}
          <p data-testid="match-explanation">{explain(m)}</p>
          <LazyBreakdown matchId={m.id} summary={t("matching.breakdown")} />
        </li>
      ))}
    </ol>
  );
}

export function SuggestionLink({ s }: { s: Suggestion }) {
  const { t, i18n } = useTranslation();
  if (!s) return null;
  return (
    <p className="match-suggestion">
      {t("matching.suggestion")}
      <Link to={`/coordinator/orders/${s.id}/matches`}>{s.title}</Link> ({i18n.language === "en" ? s.occupation.nameEn : s.occupation.nameZh})
    </p>
  );
}

export function NearMisses({ nearMisses, more }: { nearMisses: NearMissView[]; more?: React.ReactNode }) {
  const { t } = useTranslation();
  const name = useLocalName();
  return (
    <section className="card" data-testid="near-misses">
      <h2>{t("matching.nearMisses")}</h2>
      <p className="hint muted">{t("matching.nearMissesHint")}</p>
      {nearMisses.length === 0 ? (
        <p className="empty">{t("matching.noNearMisses")}</p>
      ) : (
        <ul className="match-list">
          {nearMisses.map((n) => (
            <NearMissItem
              key={n.id}
              n={n}
              testId="near-miss"
              head={
                <Link className="candidate-name" to={`/coordinator/workers/${n.worker.id}`}>
                  {n.worker.fullName}
                </Link>
              }
            >
              <p className="muted">
                {name(n.worker.county)} <WorkerTags w={n.worker} />
              </p>
            </NearMissItem>
          ))}
        </ul>
      )}
      {more}
    </section>
  );
}

/** A near miss: who or what (`head`) with the score, anything more (`children`), why it was missed, and the training that would close the gap. */
function NearMissItem({
  n,
  head,
  testId,
  children,
}: {
  n: Explained & { score: number; reasons: NearMissReason[]; suggestedTrainingOrder: Suggestion };
  head: React.ReactNode;
  testId?: string;
  children?: React.ReactNode;
}) {
  const explain = useExplanation();
  return (
    <li className="candidate" data-testid={testId}>
      <div className="candidate-head">
        {head}
        <MatchScore score={n.score} />
      </div>
      {children}
      <NearMissReasons reasons={n.reasons} />
      {explain(n) ? <p>{explain(n)}</p> : null}
      <SuggestionLink s={n.suggestedTrainingOrder} />
    </li>
  );
}

type TargetRefView = {
  posting: { id: string; title: string; status: string; employer: { name: string } } | null;
  trainingOrder: { id: string; title: string; status: string; employer: { name: string } } | null;
};

function TargetLink({ m }: { m: TargetRefView }) {
  const { t } = useTranslation();
  const target = m.posting ?? m.trainingOrder;
  if (!target) return null;
  const href = m.posting ? `/coordinator/postings/${target.id}/matches` : `/coordinator/orders/${target.id}/matches`;
  return (
    <>
      <span className="badge">{t(`matching.kind.${m.posting ? "posting" : "trainingOrder"}`)}</span>{" "}
      <Link className="candidate-name" to={href}>
        {target.title}
      </Link>{" "}
      <span className="muted">{target.employer.name}</span>
    </>
  );
}

/** The coordinator worker page: what this person was matched to, and what they nearly were. */
export function WorkerMatches({
  matches,
  nearMisses,
}: {
  matches: (Explained &
    TargetRefView & { id: string; rank: number | null; score: number; status: string; hardConstraintsMet: boolean; factors: FactorRow[] })[];
  nearMisses: (Explained & TargetRefView & { id: string; score: number; reasons: NearMissReason[]; suggestedTrainingOrder: Suggestion })[];
}) {
  const { t } = useTranslation();
  const explain = useExplanation();
  return (
    <section className="card" data-testid="worker-matches">
      <h2>{t("matching.worker.title")}</h2>
      {matches.length === 0 ? (
        <p className="empty">{t("matching.worker.empty")}</p>
      ) : (
        <ul className="match-list">
          {matches.map((m) => (
            <li key={m.id} className="candidate">
              <div className="candidate-head">
                <TargetLink m={m} />
                <StatusBadge kind="match" status={m.status} />
                <MatchScore score={m.score} />
              </div>
              {m.rank !== null ? <p className="muted">{t("matching.rank", { rank: m.rank })}</p> : null}
              <p>{explain(m)}</p>
              <details className="reasons">
                <summary>{t("matching.breakdown")}</summary>
                <FactorBreakdown factors={m.factors} />
              </details>
            </li>
          ))}
        </ul>
      )}
      {nearMisses.length ? (
        <>
          <h3>{t("matching.worker.nearMisses")}</h3>
          <ul className="match-list">
            {nearMisses.map((n) => (
              <NearMissItem key={n.id} n={n} head={<TargetLink m={n} />} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
