// Messages of the definitions domain (keys `definitions.*`): added by the work on it, French and English side by side.
export const definitions = {
  needsBalances: { en: 'needs the {which} balance of {accounts}, which a ledger does not carry (a DGFiP balance does: compute --by entity)', fr: 'demande le solde {which} de {accounts}, que le grand livre ne porte pas (une balance DGFiP le donne : compute --by entity)' },
  closing: { en: 'closing', fr: 'de clôture' },
  opening: { en: 'opening', fr: 'd’ouverture' },
} as const;
