// Messages of the ledger domain (keys `ledger.*`): added by the work on it, French and English side by side.
export const ledger = {
} as const;
