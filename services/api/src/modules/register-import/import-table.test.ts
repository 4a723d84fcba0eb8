import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCsv } from './import-table.ts';
import { readXlsx, serialToDay } from './xlsx-reader.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const cellsOf = (text: string) => readCsv(bytes(text), 'organisations').rows.map((r) => [r.line, r.cells]);

describe(readCsv.name, () => {
  it('reads quoted fields with doubled quotes and line breaks, CRLF or LF, and skips blank lines', () => {
    expect(cellsOf('a,b\r\n"x, ""y""","two\nlines"\r\n\r\nc , d\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['x, "y"', 'two\nlines']],
      [5, ['c', 'd']],
    ]);
  });

  it('takes the separator the header uses, and drops a byte-order mark', () => {
    expect(cellsOf('\uFEFFa;b\r\n1,5;2\r\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1,5', '2']],
    ]);
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b\r\nx"y,z\r\n', /quote inside/],
    ['text after a closing quote', 'a\r\n"x"y\r\n', /after a closing quote/],
    ['a quoted field never closed', 'a\r\n"x\r\n', /never closed/],
  ])('refuses %s, naming its line', (_label, text, message) => {
    expect(() => readCsv(bytes(text), 'organisations')).toThrow(message);
  });

  it('refuses text that is not UTF-8', () => {
    expect(() => readCsv(new Uint8Array([0x61, 0xe9, 0x0a]), 'organisations')).toThrow(/UTF-8/);
  });
});

describe(serialToDay.name, () => {
  it('names the day of a serial in the 1900 and the 1904 systems', () => {
    expect(serialToDay(43728, false)).toBe('2019-09-20');
    expect(serialToDay(43728.75, false)).toBe('2019-09-20');
    expect(serialToDay(61, false)).toBe('1900-03-01');
    expect(serialToDay(42266, true)).toBe('2019-09-20');
    expect(serialToDay(0, false)).toBeNull();
    expect(serialToDay(Number.NaN, false)).toBeNull();
  });
});

/** A minimal workbook: what every spreadsheet writes, by hand. */
function workbook(sheetXml: string, { styles = '', is1904 = false } = {}) {
  return zipSync({
    'xl/workbook.xml': strToU8(
      `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${is1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Pledges" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': strToU8(
      '<sst><si><t>pledge_key</t></si><si><r><t>P-</t></r><r><t>1</t></r><rPh><t>ignored</t></rPh></si></sst>',
    ),
    'xl/styles.xml': strToU8(
      styles ||
        '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheetXml}</sheetData></worksheet>`),
  });
}

describe(readXlsx.name, () => {
  it('reads shared and inline strings, numbers without float noise, dates by their style, formulas by their stored result', () => {
    const [sheet] = readXlsx(
      workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>0.30000000000000004</v></c><c r="C3" s="1"><v>43728</v></c>' +
          '<c r="D3" s="2"><v>43728</v></c><c r="F3"><f>1000+250.25</f><v>1250.25</v></c><c r="G3" t="inlineStr"><is><t> x </t></is></c></row>',
      ),
    );
    expect(sheet?.name).toBe('Pledges');
    expect(sheet?.rows).toEqual([
      { line: 1, cells: ['pledge_key'] },
      { line: 3, cells: ['P-1', '0.3', '2019-09-20', '2019-09-20', '', '1250.25', 'x'] },
    ]);
  });

  it('counts days in the 1904 system when the workbook says so', () => {
    const [sheet] = readXlsx(workbook('<row r="1"><c r="A1" s="1"><v>42266</v></c></row>', { is1904: true }));
    expect(sheet?.rows[0]?.cells).toEqual(['2019-09-20']);
  });

  it('refuses what is no workbook, and XML with a DOCTYPE', () => {
    expect(() => readXlsx(strToU8('not a zip at all, not even close'))).toThrow(/not an XLSX workbook/);
    expect(() => readXlsx(workbook('<!DOCTYPE x [<!ENTITY a "b">]><row/>'))).toThrow(/XML/);
  });
});
