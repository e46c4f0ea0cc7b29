// The named definitions of aggregates and ratios: `ca` (the default), `ofgl`, `decret-2023`.
import { CA_DEFINITION } from './ca.js';
import { DECRET_2023_DEFINITION } from './decret-2023.js';
import { OFGL_DEFINITION } from './ofgl.js';
import type { Definition } from './types.js';

export const DEFINITIONS: ReadonlyMap<string, Definition> = new Map([CA_DEFINITION, OFGL_DEFINITION, DECRET_2023_DEFINITION].map((d) => [d.id, d]));
export const DEFAULT_DEFINITION = CA_DEFINITION.id;
export const DEFINITION_IDS: readonly string[] = [...DEFINITIONS.keys()];

export function definitionById(id: string = DEFAULT_DEFINITION): Definition | undefined {
  return DEFINITIONS.get(id);
}

export { COMPARED_AGGREGATES } from './compared.js';

export type * from './types.js';
export { CA_DEFINITION } from './ca.js';
export { OFGL_DEFINITION } from './ofgl.js';
export { DECRET_2023_DEFINITION } from './decret-2023.js';
