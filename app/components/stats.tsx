// Headline numbers side by side (.stats): each a figure over its label, with an optional note under it.
export type Stat = { key: string; value: React.ReactNode; label: React.ReactNode; note?: React.ReactNode };

export function Stats({ items, testId }: { items: readonly Stat[]; testId?: string }) {
  return (
    <div className="stats" data-testid={testId}>
      {items.map((s) => (
        <div key={s.key} className="stat">
          <strong>{s.value}</strong>
          {s.label}
          {s.note ? (
            <>
              <br />
              <span className="muted">{s.note}</span>
            </>
          ) : null}
        </div>
      ))}
    </div>
  );
}
