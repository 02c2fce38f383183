import { apiError } from "~/services/api/api.server";

export function loader() {
  return apiError(404, "not_found", "No such API resource");
}

export function action() {
  return apiError(404, "not_found", "No such API resource");
}
