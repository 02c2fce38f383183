// A card that lists records (a page's orders, postings, evidence, follow-ups …): the card, its heading
// when it has one, the ItemList, and whatever follows the list inside the card (a link, the pager).
import { ItemList } from "./item-list";

export function ListCard<R>({ title, children, ...list }: { title?: string; children?: React.ReactNode } & React.ComponentProps<typeof ItemList<R>>) {
  return (
    <section className="card">
      {title === undefined ? null : <h2>{title}</h2>}
      <ItemList {...list} />
      {children}
    </section>
  );
}
