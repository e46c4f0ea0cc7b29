// The named definitions of aggregates and ratios: `ca` (the default); issue 17 adds `ofgl` and `decret-2023` here.
import { CA_DEFINITION } from './ca.js';
import type { Definition } from './types.js';

export const DEFINITIONS: ReadonlyMap<string, Definition> = new Map([[CA_DEFINITION.id, CA_DEFINITION]]);
export const DEFAULT_DEFINITION = CA_DEFINITION.id;

export function definitionById(id: string = DEFAULT_DEFINITION): Definition | undefined {
  return DEFINITIONS.get(id);
}

export type * from './types.js';
export { CA_DEFINITION } from './ca.js';
