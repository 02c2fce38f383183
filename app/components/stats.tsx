// A row of counts, each a big number over what it counts (the home page's, the admin's, …): the
// `.stats` / `.stat` markup written once.
export type Stat = { key: string; value: React.ReactNode; label: React.ReactNode };

export function Stats({ items, testId }: { items: readonly Stat[]; testId?: string }) {
  return (
    <div className="stats" data-testid={testId}>
      {items.map((s) => (
        <div key={s.key} className="stat">
          <strong>{s.value}</strong>
          {s.label}
        </div>
      ))}
    </div>
  );
}
