// Messages of the xlsx domain (keys `xlsx.*`): added by the work on it, French and English side by side.
export const xlsx = {
} as const;
