// The terminal box layout: column widths, alignment, terminal-safe text, colour hooks.
import { describe, expect, it } from 'vitest';
import { displayWidth, renderBox } from '../src/render/box.js';

describe('renderBox', () => {
  it('sizes each column to its widest cell and aligns amounts right', () => {
    const out = renderBox({ head: ['Chap.', 'Montant'], align: ['left', 'right'], rows: [['011', '1 234,56'], ['012', '7,00']] });
    expect(out.split('\n')).toEqual([
      '┌───────┬──────────┐',
      '│ Chap. │  Montant │',
      '│ 011   │ 1 234,56 │',
      '│ 012   │     7,00 │',
      '└───────┴──────────┘',
    ]);
  });

  it('counts a decomposed accent as one column and a narrow no-break space as one', () => {
    expect(displayWidth('Re\u0301sultat')).toBe(8);
    expect(displayWidth('3\u202f329')).toBe(5);
    const out = renderBox({ head: ['Libellé'], align: ['left'], rows: [['Re\u0301sultat']] });
    const widths = out.split('\n').map((l) => displayWidth(l));
    expect(new Set(widths).size).toBe(1);
  });

  it('shows control characters from an input as U+FFFD, so a label cannot drive the terminal', () => {
    const out = renderBox({ head: ['x'], align: ['left'], rows: [['evil\u001b[2Jlabel\u0007']] });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('evil\ufffd[2Jlabel\ufffd');
  });

  it('draws a cell holding a newline on two lines of the same row', () => {
    const out = renderBox({ head: ['a', 'b'], align: ['left', 'left'], rows: [['one\ntwo', 'x']] });
    expect(out.split('\n')).toEqual(['┌─────┬───┐', '│ a   │ b │', '│ one │ x │', '│ two │   │', '└─────┴───┘']);
  });

  it('paints borders, head and strong rows through the given functions, padding inside the paint', () => {
    const tag = (t: string) => (s: string) => `<${t}>${s}</${t}>`;
    const out = renderBox(
      { head: ['h'], align: ['right'], rows: [['1'], ['22']], strongRows: new Set([1]) },
      { border: tag('g'), head: tag('c'), strong: tag('b') },
    );
    expect(out).toContain('<c> h</c>');
    expect(out).toContain('<b>22</b>');
    expect(out).toContain(' 1 ');
    expect(out.split('\n')[0]).toBe('<g>┌────┐</g>');
  });
});
