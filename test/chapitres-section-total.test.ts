// Exécution par chapitre of a ledger that gives a section total: the total line is that total, never a sum of no chapter.
import { describe, expect, it } from 'vitest';
import { computeJson, run } from './helpers/run.js';

describe('exécution par chapitre with section totals (the SITIV ledgers give each flow as one total)', () => {
  const { figures } = computeJson('fixtures/sitiv-2022');

  it('the total of each flow is the section total of the ledger (seed figures), equal to the execution table', () => {
    // Seed, §1 exécution 2022: fonctionnement 3 329 960,40 / 3 202 777,11; investissement 1 129 305,49 / 1 086 477,78.
    expect(figures['principal.2022.chapitres-FR.total.realise']).toBe('3329960.40');
    expect(figures['principal.2022.chapitres-FD.total.realise']).toBe('3202777.11');
    expect(figures['principal.2022.chapitres-IR.total.realise']).toBe('1129305.49');
    expect(figures['principal.2022.chapitres-ID.total.realise']).toBe('1086477.78');
    for (const flow of ['FR', 'FD', 'IR', 'ID']) {
      const sens = flow[1] === 'R' ? 'recettes' : 'depenses';
      const section = flow[0] === 'F' ? 'fonctionnement' : 'investissement';
      expect(figures[`principal.2022.chapitres-${flow}.total.realise`]).toBe(figures[`principal.2022.execution.${section}-exercice.${sens}`]);
    }
  });

  it('titles and notes are wrapped to the terminal width (the provenance lines keep their hashes whole)', () => {
    const r = run(['compute', 'fixtures/sitiv-2022'], { env: { COLUMNS: '80' } });
    expect(r.exitCode).toBe(0);
    const long = r.stdout.split('\n').filter((l) => [...l].length > 80 && !l.startsWith('# input '));
    expect(long).toEqual([]);
  });
});
