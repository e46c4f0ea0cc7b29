// Messages of the dette domain (keys `dette.*`): added by the work on it, French and English side by side.
export const dette = {
} as const;
