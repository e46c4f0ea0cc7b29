// Messages of the input domain (keys `input.*`): added by the work on it, French and English side by side.
export const input = {
} as const;
