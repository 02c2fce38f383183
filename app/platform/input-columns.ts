// Validated input → a row's data, for the columns that take the input's field as it is. A field the
// input leaves out (undefined) is written as null: to Prisma, undefined would mean "keep the old
// value", so an edit that empties an optional field would not clear it.

type OrNull<T> = undefined extends T ? Exclude<T, undefined> | null : T;

/** The named fields of `input`, each as it is or null where absent; what is not named (form-only fields) stays out. */
export function columnsOf<T extends object, K extends keyof T>(input: T, keys: readonly K[]): { [P in K]: OrNull<T[P]> } {
  return Object.fromEntries(keys.map((k) => [k, input[k] ?? null])) as { [P in K]: OrNull<T[P]> };
}
