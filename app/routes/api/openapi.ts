import { openApiDocument } from "~/services/api/openapi.server";

export function loader() {
  return Response.json(openApiDocument());
}
