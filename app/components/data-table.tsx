// One table for every list: a column is a header and how a row fills its cell, so the markup
// (the scrolling box, the header row, the phone-card labels) is written once. Pages keep their
// own cells: links, badges and forms go in `cell`.
import { WideTable } from "./wide-table";

export type Column<R> = {
  /** React key of the column (unique within the table). */
  key: string;
  header: React.ReactNode;
  cell: (row: R, index: number) => React.ReactNode;
  /** Shown beside the value when the table becomes cards on a phone (`cards`); defaults to `header` when it is a string. */
  label?: string;
  className?: string;
  /** The cell names its row: a `<th scope="row">` instead of a `<td>`. */
  rowHeader?: boolean;
  /** Attributes the body cell needs beyond its label (a data attribute, a class the header has not, a `colSpan` that covers the next columns). */
  cellProps?: (row: R, index: number) => React.TdHTMLAttributes<HTMLTableCellElement> & Partial<Record<`data-${string}`, string>>;
};

type DataTableProps<R> = {
  rows: readonly R[];
  columns: readonly (Column<R> | false | null | undefined)[];
  rowKey: (row: R, index: number) => React.Key;
  className?: string;
  testId?: string;
  caption?: React.ReactNode;
  /** On a phone each row becomes a card and each cell carries its column's label (`table-cards`). */
  cards?: boolean;
  /** Shown instead of the table when there are no rows. */
  empty?: React.ReactNode;
  /** Rows after the body (totals). */
  foot?: React.ReactNode;
  /** Attributes a row needs beyond its key (a test id, a data attribute, a class). */
  rowProps?: (row: R, index: number) => React.HTMLAttributes<HTMLTableRowElement> & Partial<Record<`data-${string}`, string>>;
  /** How the table is boxed: "scroll" (default) scrolls sideways in its box; "wide" adds the phone hint and a labelled region; "none" is the bare table. */
  box?: "scroll" | "none" | { wide: string };
};

export function DataTable<R>({ rows, columns, rowKey, className, testId, caption, cards, empty, foot, rowProps, box = "scroll" }: DataTableProps<R>) {
  if (empty !== undefined && rows.length === 0) return <>{empty}</>;
  const shown = columns.filter((c): c is Column<R> => Boolean(c));
  const classes = [className, cards ? "table-cards" : null].filter(Boolean).join(" ") || undefined;
  // A cell whose props span columns (`colSpan`) stands for the next ones too: they are not rendered in that row.
  const cellsOf = (row: R, i: number) => {
    let covered = 0;
    return shown.flatMap((c) => {
      if (covered > 0) {
        covered--;
        return [];
      }
      const props = c.cellProps?.(row, i);
      covered = (props?.colSpan ?? 1) - 1;
      return [{ c, props }];
    });
  };
  const table = (
    <table className={classes} data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {shown.map((c) => (
            <th key={c.key} className={c.className} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)} {...rowProps?.(row, i)}>
            {cellsOf(row, i).map(({ c, props }) =>
              c.rowHeader ? (
                <th key={c.key} className={c.className} scope="row" {...props}>
                  {c.cell(row, i)}
                </th>
              ) : (
                <td
                  key={c.key}
                  className={c.className}
                  data-label={cards ? (c.label ?? (typeof c.header === "string" ? c.header : undefined)) : undefined}
                  {...props}
                >
                  {c.cell(row, i)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
      {foot ? <tfoot>{foot}</tfoot> : null}
    </table>
  );
  if (box === "none") return table;
  if (box === "scroll") return <div className="table-wrap">{table}</div>;
  return <WideTable label={box.wide}>{table}</WideTable>;
}
