// published.ratio: the R2313-1 / CFU ratios a TOTEM or CFU file prints in InformationsGenerales, against the ratios computed from it.
import { definitionById } from '../definitions/index.js';
import type { Definition, RatioDef } from '../definitions/types.js';
import { t } from '../messages/index.js';
import { D } from '../money/cents.js';
import type { DocumentFacts } from '../model/document.js';
import { printed } from './finding.js';
import { parsePrinted, type PrintedFigure } from './printed-figure.js';
import { ratioInputs, votedInputs } from './ratio-inputs.js';
import type { RatioInputs } from './ratio-eval.js';
import type { Check, CheckContext, Finding } from './types.js';
import { explanation, judge, variantNames, type Target, type Verdict } from './variant-explain.js';

const ID = 'published.ratio';

/** `646,40` or `50,62 %` as the file prints it, normalised to French display. */
const show = (p: PrintedFigure): string => `${printed(new D(p.plain), p.decimals)}${p.percent ? ' %' : ''}`;

/** A finding for one judged figure; undefined when it matches. `what` names the figure, `base` places it. */
export function verdictFinding(v: Verdict, what: string, published: string, base: Omit<Finding, 'severity' | 'message'>): Finding | undefined {
  switch (v.kind) {
    case 'match':
      return undefined;
    case 'ns':
      return { ...base, severity: 'info', message: t('ratios.notComputable', { what, published, reason: v.reason }) };
    case 'variant':
      return {
        ...base,
        severity: 'warning',
        message:
          t('ratios.matchesVariant', { what, published, variant: variantNames(v.variants), explanation: explanation(v.variants), difference: v.difference, computed: v.computed }) +
          (v.alsoBy && v.alsoBy.length > 0 ? t('ratios.alsoBy', { variants: v.alsoBy.map((x) => x.id).join(', ') }) : ''),
      };
    case 'mismatch':
      return { ...base, severity: 'error', message: t('ratios.unexplained', { what, published, computed: v.computed, n: v.tried }) };
  }
}

function checkRatio(ctx: CheckContext, def: Definition, doc: DocumentFacts, r: RatioDef, inp: RatioInputs, text: string): Finding | undefined {
  const line = doc.informationLines?.get(r.code!);
  const base = { checkId: ID, file: doc.file, ...(line !== undefined ? { line } : {}), figureId: `${doc.budget}.${doc.exercice}.ratios.${r.id}.valeur`, hint: t('ratios.hint', { path: ctx.path }) };
  const what = `${r.code} (${r.label})`;
  const pub = parsePrinted(text);
  if (!pub) return { ...base, severity: 'warning', message: t('ratios.notANumber', { what, value: text }) };
  const target: Target = { kind: 'ratio', id: r.id, percent: r.unit === 'pourcentage' };
  const v = judge(def, target, inp, pub);
  const f = verdictFinding(v, what, show(pub), base);
  return f ? { ...f, published: pub.plain, ...('computedPlain' in v ? { computed: v.computedPlain } : {}) } : undefined;
}

const isZero = (text: string): boolean => /^0(\.0+)?$/.test(parsePrinted(text)?.plain ?? '');

function checkDocument(ctx: CheckContext, def: Definition, doc: DocumentFacts): Finding[] {
  const info = doc.informations;
  const printedRatios = def.ratios.filter((r) => r.code !== undefined && info?.has(r.code));
  if (!info || printedRatios.length === 0) return [];
  // A budget primitif's ratios are computed on its votes; a DM's or BS's reprint another document's (the Crach DMs
  // print the budget principal's, which their own movements do not give): those are not checked.
  if (doc.kind === 'budget' && doc.natDec !== '01') return [];
  // Every printed ratio zero (the transport BP, a SPIC: PopTot 0 and 0.00 throughout) is the package's blank form,
  // not figures: said once, not checked one by one.
  if (printedRatios.every((r) => isZero(info.get(r.code!)!))) {
    const line = doc.informationLines?.get(printedRatios[0]!.code!);
    return [{ checkId: ID, severity: 'info', file: doc.file, ...(line !== undefined ? { line } : {}), message: t('ratios.allZero', { n: printedRatios.length }) }];
  }
  const inp = doc.kind === 'budget' ? votedInputs(ctx, doc) : ratioInputs(ctx, doc.budget, doc.exercice);
  if (!inp) return [];
  return printedRatios.map((r) => checkRatio(ctx, def, doc, r, inp, info.get(r.code!)!)).filter((f): f is Finding => f !== undefined);
}

export const publishedRatio: Check = {
  id: ID,
  level: 'basic',
  stage: 'published',
  get title() {
    return t('ratios.checkTitle');
  },
  run: (ctx) => {
    const def = definitionById()!;
    return (ctx.folder.documents ?? []).flatMap((d) => checkDocument(ctx, def, d));
  },
};
