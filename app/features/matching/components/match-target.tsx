// Header of a coordinator's matches page: what the posting or order is (no personal data).
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/status-badge";
import { useLocalName, usePunct } from "~/components/local-name";

type Named = { name: string; nameEn: string | null };
export type TargetHeader = {
  kind: "posting" | "trainingOrder";
  id: string;
  title: string;
  status: string;
  places: number;
  employer: { id: string; name: string };
  occupation: { nameZh: string; nameEn: string };
  region: Named;
  wage: { min: number; max: number | null } | null;
};

export function MatchTargetHeader({ target, total, elsewhere }: { target: TargetHeader; total: number; elsewhere: number }) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const punct = usePunct();
  return (
    <>
      <h1 data-testid="match-target">
        {t("matching.targetTitle", { title: target.title })} <StatusBadge kind={target.kind === "posting" ? "posting" : "order"} status={target.status} />
      </h1>
      <dl className="facts">
        <dt>{t(`matching.kind.${target.kind}`)}</dt>
        <dd>{target.employer.name}</dd>
        <dt>{t("matching.occupation")}</dt>
        <dd>{i18n.language === "en" ? target.occupation.nameEn : target.occupation.nameZh}</dd>
        <dt>{t("matching.place")}</dt>
        <dd>{name(target.region)}</dd>
        {target.wage ? (
          <>
            <dt>{t("matching.wage")}</dt>
            <dd>
              {target.wage.max !== null
                ? t("matching.wageRange", { min: target.wage.min, max: target.wage.max })
                : t("matching.wageFrom", { min: target.wage.min })}
            </dd>
          </>
        ) : null}
        <dt>{t("matching.status")}</dt>
        <dd>{t("matching.places", { count: target.places })}</dd>
      </dl>
      <p className="muted">
        {t("matching.total", { count: total })}
        {punct.comma}
        {t("matching.scopeNote")}
        {elsewhere > 0 ? ` ${t("matching.elsewhere", { count: elsewhere })}` : ""}
      </p>
    </>
  );
}
