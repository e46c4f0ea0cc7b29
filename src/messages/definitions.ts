// Messages of the definitions domain (keys `definitions.*`): added by the work on it, French and English side by side.
export const definitions = {
} as const;
