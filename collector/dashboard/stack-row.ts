// A row of a `.stack` table, which a phone shows as a card: explicit ARIA roles, since a row displayed as a block
// would otherwise lose its table semantics, and each cell naming its column for the card's labels.

export interface StackCell {
  /** Text, or a node that holds it (a long comment's start and its button). */
  readonly text: string | Node;
  /** The column's name, shown beside the value on a phone. */
  readonly label: string;
  readonly className?: string | undefined;
}

/** A row headed by `header` (text, or a control such as the button that opens the row's answers). */
export function stackRow(header: string | Node, cells: readonly StackCell[]): HTMLTableRowElement {
  const row = document.createElement('tr');
  row.setAttribute('role', 'row');
  const head = document.createElement('th');
  head.scope = 'row';
  head.setAttribute('role', 'rowheader');
  head.append(header);
  row.append(head);
  for (const { text, label, className } of cells) {
    const cell = document.createElement('td');
    cell.setAttribute('role', 'cell');
    cell.dataset.label = label;
    cell.append(text);
    if (className) cell.className = className;
    row.append(cell);
  }
  return row;
}
