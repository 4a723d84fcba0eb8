import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import {
  csvStream,
  type ExportColumn,
  guardFormula,
  jsonArrayStream,
  jsonObjectStream,
  toCells,
  xlsxStream,
} from './tabular-export.ts';

interface Row {
  name: string;
  tonnes: string;
  count: number;
  at: Date | null;
  on: Date | null;
  tags: string[];
}

const columns: ExportColumn<Row>[] = [
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'tonnes', type: 'decimal', value: (r) => r.tonnes },
  { name: 'count', type: 'integer', value: (r) => r.count },
  { name: 'at', type: 'dateTime', value: (r) => r.at },
  { name: 'on', type: 'date', value: (r) => r.on },
  { name: 'tags', type: 'list', value: (r) => r.tags },
];

const ROWS: Row[] = [
  {
    name: 'Müller & Söhne, GmbH',
    tonnes: '1250.500',
    count: 3,
    at: new Date('2024-05-01T12:00:00Z'),
    on: new Date('2019-11-07T23:30:00Z'),
    tags: ['A', 'B'],
  },
  { name: 'Say "hi"\nthen go', tonnes: '-7000.000', count: 0, at: null, on: null, tags: [] },
  { name: '=1+1', tonnes: '0.000', count: 1, at: null, on: null, tags: ['-x'] },
];

async function* pages<T>(...list: T[][]): AsyncGenerator<T[]> {
  for (const page of list) yield page;
}

const table = (...list: Row[][]) => toCells({ name: 'rows', sheet: 'Rows', columns, pages: pages(...list) });

describe('tabular export', () => {
  it('guards text a spreadsheet would run as a formula', () => {
    for (const risky of ['=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx']) expect(guardFormula(risky)).toBe(`'${risky}`);
    for (const safe of ['Plastics', ' =x', '1-2', '']) expect(guardFormula(safe)).toBe(safe);
  });

  it('writes RFC 4180 CSV: quotes where needed, CRLF, decimals untouched, text guarded', async () => {
    const csv = await text(csvStream(table([ROWS[0] as Row], [], [ROWS[1] as Row, ROWS[2] as Row])));
    expect(csv).toBe(
      'name,tonnes,count,at,on,tags\r\n' +
        '"Müller & Söhne, GmbH",1250.500,3,2024-05-01T12:00:00.000Z,2019-11-07,A;B\r\n' +
        '"Say ""hi""\nthen go",-7000.000,0,,,\r\n' +
        "'=1+1,0.000,1,,,'-x\r\n",
    );
  });

  it('writes JSON as one array however the rows are paged, and an empty one when there are none', async () => {
    expect(await text(jsonArrayStream(table()))).toBe('[]\n');
    const json = await text(jsonArrayStream(table([ROWS[0] as Row], [], [ROWS[1] as Row, ROWS[2] as Row])));
    expect(JSON.parse(json)).toEqual([
      {
        name: 'Müller & Söhne, GmbH',
        tonnes: '1250.500',
        count: 3,
        at: '2024-05-01T12:00:00.000Z',
        on: '2019-11-07',
        tags: ['A', 'B'],
      },
      { name: 'Say "hi"\nthen go', tonnes: '-7000.000', count: 0, at: null, on: null, tags: [] },
      { name: '=1+1', tonnes: '0.000', count: 1, at: null, on: null, tags: ['-x'] },
    ]);
    const object = await text(jsonObjectStream({ alliance: 'a' }, [table(ROWS), table()]));
    expect(JSON.parse(object)).toEqual({ alliance: 'a', rows: expect.any(Array) });
  });

  it('stops reading pages when the reader of an XLSX goes away', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Row[]> {
      for (;;) {
        pulled++;
        yield Array.from({ length: 2000 }, (_, i) => ({ ...(ROWS[0] as Row), count: i }));
      }
    }
    const output = xlsxStream([toCells({ name: 'rows', sheet: 'Rows', columns, pages: endless() })], {
      created: new Date(0),
    });
    // Nobody reads: the writer must wait, then stop once the stream is destroyed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waitingAt = pulled;
    expect(waitingAt).toBeLessThan(50);
    output.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pulled).toBeLessThanOrEqual(waitingAt + 1);
  });
});
