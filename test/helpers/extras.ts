// Figures that only an official document can give (EMPRUNT annex, InformationsGenerales): left out when a test compares a TOTEM file with a format that lacks them.
import type { JsonValue } from '../../src/render/json.js';

const FROM_DOCUMENT = /\.(dette|dette-[a-z-]+|capacite|ratios)\./;

export function withoutDocumentExtras(figures: Record<string, JsonValue>): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(figures).filter(([id]) => !FROM_DOCUMENT.test(id)));
}
