// Messages of the ratios domain (keys `ratios.*`): added by the work on it, French and English side by side.
export const ratios = {
} as const;
