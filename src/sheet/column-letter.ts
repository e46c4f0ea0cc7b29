// Spreadsheet column letters (1 → A, 27 → AA), for cell addresses in messages and formulas.
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
