// Flows between the budget principal and its annexes in M57: what one budget pays on an account, the other receives on its pair.

export interface FlowPair {
  id: string;
  label: string;
  /** Who pays: the principal budget or an annexe. */
  payer: 'principal' | 'annexe';
  section: 'F' | 'I';
  /** Account prefixes of the payer's dépense and of the receiver's recette. */
  depense: string;
  recette: string;
}

export const FLOW_PAIRS: readonly FlowPair[] = [
  { id: 'frais-annexe', label: "remboursement de frais de l'annexe au budget principal", payer: 'annexe', section: 'F', depense: '62871', recette: '70872' },
  { id: 'frais-principal', label: 'remboursement de frais du budget principal aux annexes', payer: 'principal', section: 'F', depense: '62872', recette: '70871' },
  { id: 'personnel', label: "personnel mis à disposition de l'annexe par le budget principal", payer: 'annexe', section: 'F', depense: '6215', recette: '70841' },
  { id: 'deficit', label: "prise en charge du déficit de l'annexe par le budget principal", payer: 'principal', section: 'F', depense: '65821', recette: '75822' },
  { id: 'excedent', label: "reversement de l'excédent de l'annexe au budget principal", payer: 'annexe', section: 'F', depense: '65822', recette: '75821' },
  { id: 'liaison-principal', label: 'compte de liaison 181, du budget principal vers les annexes', payer: 'principal', section: 'I', depense: '181', recette: '181' },
  { id: 'liaison-annexe', label: 'compte de liaison 181, des annexes vers le budget principal', payer: 'annexe', section: 'I', depense: '181', recette: '181' },
];
