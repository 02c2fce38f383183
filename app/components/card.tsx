// A part of a page in its own box, under its heading: `<section className="card">` with an h2.
export function Card({ title, children }: { title: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
