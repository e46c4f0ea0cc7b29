// The accounting part of a CFU (DocumentComptable): the header's identifiers and every LigneComptable, amounts in cents.
import type { InputProblem } from '../../errors.js';
import { parsePlainAmount, type Cents } from '../../money/cents.js';
import type { ComptableLine } from '../../model/document.js';
import { decodeLabel } from './decode-label.js';
import type { XmlElement } from './xml-stream.js';

export const NS_COMPTA = 'http://www.minefi.gouv.fr/cp/demat/doccomptable';

export interface ComptableHeader {
  nomenclature?: string;
  exercice?: string;
  siret?: { value: string; line: number };
  population?: string;
  libelle?: string;
}

/** Collects the elements of the doccomptable namespace as the XML stream passes them. */
export class ComptableCollector {
  readonly header: ComptableHeader = {};
  readonly lines: ComptableLine[] = [];
  readonly problems: InputProblem[] = [];
  private record: { line: number; fields: Map<string, string> } | undefined;
  private inHeader = false;

  constructor(private readonly file: string) {}

  open(el: XmlElement): void {
    if (el.local === 'EnteteComptable') {
      this.inHeader = true;
      return;
    }
    if (this.inHeader) {
      const v = el.attr('V');
      if (el.local === 'Nomenclature' && v !== undefined) this.header.nomenclature = v;
      if (el.local === 'Exercice' && v !== undefined) this.header.exercice = v;
      if (el.local === 'Collectivite') {
        const siret = el.attr('Siret');
        if (siret !== undefined) this.header.siret = { value: siret, line: el.line };
        const pop = el.attr('Population');
        if (pop !== undefined) this.header.population = pop;
        const lib = el.attr('Libelle');
        if (lib !== undefined) this.header.libelle = decodeLabel(lib).trim();
      }
      return;
    }
    if (el.local === 'LigneComptable') {
      this.record = { line: el.line, fields: new Map() };
      return;
    }
    const v = el.attr('V');
    if (this.record && v !== undefined) this.record.fields.set(el.local, v);
  }

  close(local: string): void {
    if (local === 'EnteteComptable') this.inHeader = false;
    if (local !== 'LigneComptable' || !this.record) return;
    const r = this.record;
    this.record = undefined;
    const get = (name: string) => (r.fields.get(name) ?? '').trim();
    const money = (name: string): Cents | undefined => {
      const text = get(name);
      if (text === '') return undefined;
      const c = parsePlainAmount(text);
      if (c === undefined) this.problems.push({ file: this.file, line: r.line, column: name, message: 'not an amount', value: text });
      return c;
    };
    const line: ComptableLine = {
      line: r.line,
      etat: get('Etat'),
      agregat: get('Agregat'),
      modeTraitement: get('ModeTraitement'),
      intitule: decodeLabel(get('Intitule1')),
      chapitre: get('Chapitre'),
      nature: get('Nature'),
      codeRD: get('CodeRD'),
      section: get('Section'),
      operation: get('Operation'),
    };
    const amounts = { mtNet: money('MtNet'), mtNetPrec: money('MtNet-1'), mtRealNettes: money('MtRealNettes'), mtPrevisions: money('MtPrevisions') };
    for (const [k, v] of Object.entries(amounts)) if (v !== undefined) (line as unknown as Record<string, Cents>)[k] = v;
    this.lines.push(line);
  }
}
