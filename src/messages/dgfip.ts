// Messages of the dgfip domain (keys `dgfip.*`): added by the work on it, French and English side by side.
export const dgfip = {
} as const;
