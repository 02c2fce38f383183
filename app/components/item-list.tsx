// A list of records, one item each (`plain-list items`), or the line that says there are none.
export function ItemList<R>({
  items,
  itemKey,
  item,
  empty,
  testId,
  itemProps,
}: {
  items: readonly R[];
  itemKey: (row: R) => React.Key;
  item: (row: R) => React.ReactNode;
  /** Shown instead of the list when there are no items. */
  empty: React.ReactNode;
  testId?: string;
  /** Attributes an item needs beyond its key (a class, a test id). */
  itemProps?: (row: R) => React.LiHTMLAttributes<HTMLLIElement> & Partial<Record<`data-${string}`, string>>;
}) {
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="plain-list items" data-testid={testId}>
      {items.map((row) => (
        <li key={itemKey(row)} {...itemProps?.(row)}>
          {item(row)}
        </li>
      ))}
    </ul>
  );
}
