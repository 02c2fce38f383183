// t() keys are checked against the Chinese strings (the source of truth, messages.ts): a literal
// key that is not in zh-CN's JSON is a type error ("reg.titel"), and so is a template whose values
// are all known (`workerStatus.${WorkerStatus}`). A key computed from a plain string (a problem's
// message key, `subsidy.kind.${string}`) cannot be checked by type; the extra call signature below
// takes those and returns a string, and the raw-key checks of the e2e walks cover them.
import "i18next";
import type { DefaultNamespace, Namespace, TOptions } from "i18next";
import type { Messages } from "./messages";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface TFunction<Ns extends Namespace = DefaultNamespace, KPrefix = undefined> {
    /** A key known only at run time (`{} extends Record<K, 1>` holds for string and `prefix.${string}`, never for literals). */
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the point: only a non-literal string type K makes `{}` assignable to Record<K, 1>
    <K extends string>(key: {} extends Record<K, 1> ? K : never, options?: TOptions & Record<string, unknown>): string;
  }
}
