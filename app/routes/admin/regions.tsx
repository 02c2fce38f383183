import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { readFormPost } from "~/platform/form-post.server";
import { requireUser } from "~/services/auth.server";
import { invariantResponse } from "~/services/http.server";
import { listRegions, setPovertyCounty } from "~/services/regions.server";
import { placeName } from "~/domain/place-names";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "lists", "ref"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  const parent = new URL(request.url).searchParams.get("parent") ?? "130000";
  const [provinces, children] = await Promise.all([listRegions({ level: "PROVINCE" }), listRegions({ parentCode: parent })]);
  return { provinces, children, parent };
}

const ToggleSchema = z.object({ code: z.string().regex(/^\d{6}$/), value: z.enum(["true", "false"]) });

export async function action({ request }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["ADMIN"]);
  const read = await readFormPost(request, new Set(["code", "value"]));
  if (!read.ok) throw read.response;
  const parsed = ToggleSchema.safeParse(Object.fromEntries(read.formData));
  invariantResponse(parsed.success, "Bad request", { status: 400 });
  await setPovertyCounty(parsed.data.code, parsed.data.value === "true", principal);
  return null;
}

export default function AdminRegions() {
  const { provinces, children } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const name = (r: { code: string; name: string; nameEn: string | null }) => placeName(r, i18n.language);
  return (
    <section className="card">
      <p className="row">
        {provinces.map((p) => (
          <Link key={p.code} to={`?parent=${p.code}`}>
            {name(p)}
          </Link>
        ))}
      </p>
      <DataTable
        rows={children}
        rowKey={(r) => r.code}
        columns={[
          { key: "code", header: t("admin.code"), cell: (r) => r.code },
          { key: "name", header: t("admin.name"), cell: (r) => (r.level === "PREFECTURE" ? <Link to={`?parent=${r.code}`}>{name(r)}</Link> : name(r)) },
          { key: "level", header: t("admin.level"), cell: (r) => t(`levels.${r.level}`) },
          {
            key: "poverty",
            header: t("admin.povertyCounty"),
            cell: (r) =>
              r.level === "COUNTY" ? (
                <Form method="post" className="row" preventScrollReset>
                  <input type="hidden" name="code" value={r.code} />
                  <input type="hidden" name="value" value={String(!r.isPovertyCounty)} />
                  {r.isPovertyCounty ? (
                    <span className="badge red">{r.povertyLevel ? t(`ref.levelShort.${r.povertyLevel}`) : t("admin.povertyCounty")}</span>
                  ) : null}
                  <button type="submit" className="secondary">
                    {r.isPovertyCounty ? t("admin.povertyToggleOff") : t("admin.povertyToggleOn")}
                  </button>
                </Form>
              ) : null,
          },
        ]}
      />
      <p className="muted">
        {params.get("parent") ?? "130000"} · {t("ref.povertyMeaning")} <Link to="/admin/reference/povertyCounty">{t("ref.tables.povertyCounty")}</Link>
      </p>
    </section>
  );
}
