import type { PageFurniture } from './page-furniture.ts';
import { applyStyle, COLOR, PAGE, type TextStyle } from './page-style.ts';
import { addGroup, addTagged, drawArtifact } from './tagging.ts';

export interface TableColumn {
  header: string;
  width: number;
  /** Figures are right-aligned, so that their digits line up. */
  align?: 'left' | 'right';
}

export interface TableStyles {
  head: TextStyle;
  cell: TextStyle;
  /** The first cell of each row: it heads the row (TH with Row scope). */
  rowHead: TextStyle;
}

const PADDING = { x: 4, y: 3 };
const LEFT = PAGE.margins.left;
const BOTTOM = PAGE.height - PAGE.margins.bottom;

/**
 * A tagged table at the pen: Table › TR › TH (column headers, Column scope; the first cell of each row, Row
 * scope) and TD, so that a screen reader announces every figure with its row and column. A table that runs
 * over a page break repeats its header on the next page as page furniture (an artifact), not as a second
 * header row. Rules are artifacts too.
 */
export function writeTable(
  doc: PDFKit.PDFDocument,
  furniture: PageFurniture,
  parent: PDFKit.PDFStructureElement,
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  styles: TableStyles,
): void {
  const xs: number[] = [];
  let x = LEFT;
  for (const column of columns) {
    xs.push(x);
    x += column.width;
  }
  const totalWidth = x - LEFT;
  const headers = columns.map((c) => c.header);
  const rowStyle = (i: number) => (i === 0 ? styles.rowHead : styles.cell);

  const heightOf = (cells: readonly string[], style: (i: number) => TextStyle) =>
    2 * PADDING.y +
    Math.max(
      0,
      ...cells.map((text, i) => {
        applyStyle(doc, style(i));
        return doc.heightOfString(text || ' ', { width: (columns[i]?.width ?? 0) - 2 * PADDING.x });
      }),
    );

  /** One cell's text, in its column, from `top`. */
  const cell = (text: string, i: number, top: number, style: TextStyle) => {
    const column = columns[i];
    if (!column) return;
    furniture.use(style);
    doc.text(text, (xs[i] ?? LEFT) + PADDING.x, top + PADDING.y, {
      width: column.width - 2 * PADDING.x,
      align: column.align ?? 'left',
    });
  };

  const rule = (y: number, color: string, width: number) =>
    drawArtifact(doc, 'Layout', () => {
      doc
        .moveTo(LEFT, y)
        .lineTo(LEFT + totalWidth, y)
        .lineWidth(width)
        .stroke(color);
    });

  const headHeight = heightOf(headers, () => styles.head);
  // The header is kept with the first row.
  const firstRowHeight = rows[0] ? heightOf(rows[0], rowStyle) : 0;
  if (doc.y + headHeight + firstRowHeight > BOTTOM) doc.addPage();

  const table = addGroup(doc, parent, 'Table');
  const headRow = addGroup(doc, table, 'TR');
  const headTop = doc.y;
  headers.forEach((header, i) => {
    addTagged(doc, headRow, 'TH', () => cell(header, i, headTop, styles.head), { scope: 'Column' });
  });
  headRow.end();
  doc.y = headTop + headHeight;
  rule(doc.y, COLOR.ink, 0.75);

  for (const cells of rows) {
    const height = heightOf(cells, rowStyle);
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      const top = doc.y;
      drawArtifact(doc, 'Pagination', () => {
        headers.forEach((header, i) => {
          cell(header, i, top, styles.head);
        });
      });
      doc.y = top + headHeight;
      rule(doc.y, COLOR.ink, 0.75);
    }
    const top = doc.y;
    const row = addGroup(doc, table, 'TR');
    cells.forEach((text, i) => {
      addTagged(
        doc,
        row,
        i === 0 ? 'TH' : 'TD',
        () => cell(text, i, top, rowStyle(i)),
        i === 0 ? { scope: 'Row' } : {},
      );
    });
    row.end();
    doc.y = top + height;
    rule(doc.y, COLOR.rule, 0.5);
  }
  table.end();
  doc.x = LEFT;
}
