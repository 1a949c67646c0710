// The free-number pattern: its syntax and bounds, and the enumeration of a block's matching numbers
// checked against a plain regular-expression scan of every number of a small block.
import { describe, expect, it } from '@jest/globals';
import { matchesNumberPattern, matchingNumbers, parseNumberPattern, type NumberPattern } from '../../domain/number-pattern.js';

const parsed = (p: string): NumberPattern => {
  const r = parseNumberPattern(p);
  if (!r.ok) throw new Error(r.reason);
  return r.pattern;
};
const take = (it: Iterable<string>, n: number) => {
  const out: string[] = [];
  for (const x of it) {
    if (out.length === n) break;
    out.push(x);
  }
  return out;
};

describe('parseNumberPattern', () => {
  it('accepts digits, ? and up to three *', () => {
    for (const p of ['8888', '*8888', '88?88', '*666*', '1*2*3*', '?', '*', '1234567890123456']) expect(parseNumberPattern(p).ok).toBe(true);
  });
  it('refuses what is not a pattern, saying why', () => {
    expect(parseNumberPattern('')).toEqual({ ok: false, reason: 'the pattern is empty' });
    expect(parseNumberPattern('12345678901234567')).toEqual({ ok: false, reason: 'at most 16 characters' });
    expect(parseNumberPattern('88a8')).toEqual({ ok: false, reason: expect.stringContaining('"a" is not allowed') });
    expect(parseNumberPattern('8.*')).toEqual({ ok: false, reason: expect.stringContaining('"." is not allowed') });
    expect(parseNumberPattern('*1*2*3*')).toEqual({ ok: false, reason: 'at most 3 * in a pattern' });
  });
  it('matches the end of the number; * and ? are wildcards', () => {
    expect(matchesNumberPattern(parsed('8888'), '81238888')).toBe(true);
    expect(matchesNumberPattern(parsed('8888'), '88881234')).toBe(false);
    expect(matchesNumberPattern(parsed('*8888'), '81238888')).toBe(true);
    expect(matchesNumberPattern(parsed('*666*'), '81666234')).toBe(true);
    expect(matchesNumberPattern(parsed('88?88'), '81288188')).toBe(true);
    expect(matchesNumberPattern(parsed('88?88'), '81288118')).toBe(false);
    expect(matchesNumberPattern(parsed('8123????'), '81234567')).toBe(true);
  });
});

describe('matchingNumbers', () => {
  // Every pattern against every number of a 5-digit block "8" + 4 free digits: the enumeration must be exactly the scan, in order.
  const block = Array.from({ length: 10_000 }, (_, n) => `8${String(n).padStart(4, '0')}`);
  for (const p of ['8888', '*88', '?8?8', '*0*0*', '81*', '8????', '8?????', '*', '9', '*12*3', '80000', '?', '12345678']) {
    it(`"${p}" yields what a scan finds, in numeric order`, () => {
      const pattern = parsed(p);
      expect([...matchingNumbers(pattern, '8', 4)]).toEqual(block.filter((n) => matchesNumberPattern(pattern, n)));
    });
  }

  it('takes a page from a 10-million block without scanning it', () => {
    const started = performance.now();
    const page = take(matchingNumbers(parsed('*8888'), '1311', 7), 20);
    expect(page).toHaveLength(20);
    expect(page[0]).toBe('13110008888');
    expect(page.every((n) => n.endsWith('8888') && n.length === 11)).toBe(true);
    expect(page).toEqual([...page].sort());
    // A sparse pattern: 11 fixed digits out of 7 free, one match at most.
    expect([...matchingNumbers(parsed('13118888888'), '1311', 7)]).toEqual(['13118888888']);
    expect([...matchingNumbers(parsed('14118888888'), '1311', 7)]).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a prefix the pattern rules out yields nothing', () => {
    expect([...matchingNumbers(parsed('9????????'), '8', 7)]).toEqual([]);
    expect([...matchingNumbers(parsed('123456789'), '8', 7)]).toEqual([]);
  });
});
