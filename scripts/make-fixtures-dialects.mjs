// Writes the SITIV 2022 ledgers as a French Excel-style CSV (Windows-1252, `;`, decimal comma, U+00A0 grouping,
// CRLF) and as XLSX workbooks (title block above the header, numeric cells), from fixtures/sitiv-2022.
// Run once: `node scripts/make-fixtures-dialects.mjs`; the outputs are committed. Independent of src/ on purpose,
// so the readers are tested against files they did not write.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = `${root}fixtures/sitiv-2022/`;
const LEDGERS = ['principal.csv', 'tno.csv'];
const AMOUNTS = new Set(['realise', 'rar', 'credits_ouverts', 'rar_precedent']);

/** `3329960.40` → `3 329 960,40` with U+00A0, by string operations only. */
function frenchAmount(plain) {
  if (plain === '') return '';
  const neg = plain.startsWith('-');
  const [i, f] = (neg ? plain.slice(1) : plain).split('.');
  const body = `${i.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${(f ?? '').padEnd(2, '0')}`;
  return neg ? `-${body}` : body;
}

// Windows-1252 bytes 0x80–0x9F (Node 20's TextDecoder maps them as Latin-1, so the table is spelled out).
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const cp1252 = new Map();
for (let b = 0; b < 256; b++) cp1252.set(b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80] : String.fromCharCode(b), b);
function toCp1252(text) {
  return Uint8Array.from([...text].map((ch) => {
    const b = cp1252.get(ch);
    if (b === undefined) throw new Error(`no Windows-1252 byte for ${ch}`);
    return b;
  }));
}

/** Side tables (co-financement, published figures, debt…) stay in the neutral format: only ledgers change dialect. */
function copySideFiles(to) {
  for (const f of readdirSync(src)) {
    if (!LEDGERS.includes(f) && f !== 'manifest.json' && f !== 'README.md') copyFileSync(`${src}${f}`, `${root}fixtures/${to}/${f}`);
  }
}

const manifest = JSON.parse(readFileSync(`${src}manifest.json`, 'utf8'));

// French CSV
for (const name of LEDGERS) {
  const records = parse(readFileSync(`${src}${name}`, 'utf8'), { bom: true });
  const header = records[0];
  const lines = records.map((rec, n) =>
    rec
      .map((v, i) => (n > 0 && AMOUNTS.has(header[i]) ? frenchAmount(v) : v))
      .map((v) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
      .join(';'),
  );
  writeFileSync(`${root}fixtures/sitiv-2022-fr/${name}`, toCp1252(lines.join('\r\n') + '\r\n'));
}
copySideFiles('sitiv-2022-fr');
writeFileSync(`${root}fixtures/sitiv-2022-fr/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');

// XLSX: numbers as numbers, codes as text; one formula cell and one French text amount, as real workbooks have.
for (const name of LEDGERS) {
  const records = parse(readFileSync(`${src}${name}`, 'utf8'), { bom: true });
  const header = records[0];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sitiv-ca fixtures';
  wb.created = new Date('2023-05-01T00:00:00Z');
  wb.modified = wb.created;
  const ws = wb.addWorksheet('Feuille1');
  ws.addRow([`SITIV — ${name === 'tno.csv' ? 'Budget annexe TNO' : 'Budget principal'}`]);
  ws.addRow(['Compte administratif 2022 — balance par chapitre']);
  ws.addRow([]);
  ws.addRow(header);
  records.slice(1).forEach((rec, n) => {
    const values = rec.map((v, i) => {
      const col = header[i];
      if (v === '') return null;
      if (col === 'exercice') return Number(v);
      if (!AMOUNTS.has(col)) return v;
      if (name === 'tno.csv' && n === 0 && col === 'realise') return { formula: '1000000+500000', result: Number(v) };
      if (name === 'tno.csv' && n === 4 && col === 'realise') return frenchAmount(v);
      return Number(v);
    });
    const row = ws.addRow(values);
    header.forEach((col, i) => {
      if (AMOUNTS.has(col)) row.getCell(i + 1).numFmt = '#,##0.00';
    });
  });
  await wb.xlsx.writeFile(`${root}fixtures/sitiv-2022-xlsx/${name.replace(/\.csv$/, '.xlsx')}`);
}
copySideFiles('sitiv-2022-xlsx');
writeFileSync(
  `${root}fixtures/sitiv-2022-xlsx/manifest.json`,
  JSON.stringify({ ...manifest, ledgers: LEDGERS.map((l) => l.replace(/\.csv$/, '.xlsx')) }, null, 2) + '\n',
);
console.log('fixtures/sitiv-2022-fr and fixtures/sitiv-2022-xlsx written');
