// A list of records, one item each: a headline (a link and its badges), a muted line of details
// under it, and whatever more a page shows; a short message instead when there is nothing to list.
// The list pages wrote this markup by hand, each slightly differently; now it is written once.

type ItemListProps<R> = {
  rows: readonly R[];
  /** The item's React key; by default the row's `id`. */
  rowKey?: (row: R, index: number) => React.Key;
  /** The item's first line: what the record is (a link, badges). */
  item: (row: R, index: number) => React.ReactNode;
  /** The muted line under it (`<br /><small className="muted">`); left out when it gives null. */
  detail?: (row: R, index: number) => React.ReactNode;
  /** Anything after the details (a note, flags). */
  more?: (row: R, index: number) => React.ReactNode;
  /** Shown instead of the list when there are no rows: words as `<p className="empty">`, anything else as it is. */
  empty?: React.ReactNode;
  testId?: string;
  /** Attributes an item needs beyond its key (a test id, a data attribute). */
  itemProps?: (row: R, index: number) => React.LiHTMLAttributes<HTMLLIElement> & Partial<Record<`data-${string}`, string>>;
  /** "plain-list items" (the default) separates the items; "plain-list" is a tighter list. */
  className?: string;
};

const byId = (row: unknown, index: number): React.Key => (row as { id?: React.Key }).id ?? index;

export function ItemList<R>({ rows, rowKey = byId, item, detail, more, empty, testId, itemProps, className = "plain-list items" }: ItemListProps<R>) {
  if (empty !== undefined && rows.length === 0) return typeof empty === "string" ? <p className="empty">{empty}</p> : <>{empty}</>;
  return (
    <ul className={className} data-testid={testId}>
      {rows.map((row, i) => {
        const details = detail?.(row, i);
        return (
          <li key={rowKey(row, i)} {...itemProps?.(row, i)}>
            {item(row, i)}
            {details === null || details === undefined ? null : (
              <>
                <br />
                <small className="muted">{details}</small>
              </>
            )}
            {more?.(row, i)}
          </li>
        );
      })}
    </ul>
  );
}
