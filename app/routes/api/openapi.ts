import { openApiDocument } from "~/services/api/openapi.server";
import { apiJson } from "~/services/api/api.server";

export function loader() {
  return apiJson(openApiDocument());
}
