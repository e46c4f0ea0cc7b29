// Placeholder while the xlsx benchmark is written (issue 18).
export async function benchXlsx() {
  console.log('xlsx bench: not written yet');
}
