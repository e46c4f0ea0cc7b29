// Placeholder while the totem benchmark is written (issue 18).
export async function benchTotem() {
  console.log('totem bench: not written yet');
}
