// The free-number search pattern (选号): what a customer asks for at the counter — "ending in 8888",
// "with 666 in it" — as a small, bounded pattern over digits, and the numbers of a numbering block
// that match it, enumerated in numeric order without scanning the block.
//
// Syntax: 1-16 characters, digits and the wildcards `?` (exactly one digit) and `*` (any run of
// digits, none included), at most 3 `*`. The pattern is matched against the END of the number, so
// `8888` and `*8888` both mean "ends in 8888", `*666*` means "666 anywhere", `13?88` means "ends in
// 13, any digit, 88"; a pattern as long as the number (no `*`) matches it whole.

export const NUMBER_PATTERN_MAX_LENGTH = 16;
export const NUMBER_PATTERN_MAX_STARS = 3;
/** What a pattern may contain, for schemas and forms. */
export const NUMBER_PATTERN_SYNTAX = /^[0-9?*]{1,16}$/;

type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'digit'; digit: string };

export interface NumberPattern {
  readonly source: string;
  /** Tokens with the implicit leading `*`, consecutive stars collapsed. */
  readonly tokens: readonly Token[];
}

export type PatternParse = { ok: true; pattern: NumberPattern } | { ok: false; reason: string };

export function parseNumberPattern(source: string): PatternParse {
  if (source.length === 0) return { ok: false, reason: 'the pattern is empty' };
  if (source.length > NUMBER_PATTERN_MAX_LENGTH) return { ok: false, reason: `at most ${NUMBER_PATTERN_MAX_LENGTH} characters` };
  const bad = [...source].find((c) => !/[0-9?*]/.test(c));
  if (bad !== undefined) return { ok: false, reason: `"${bad}" is not allowed: digits, ? (one digit) and * (any digits) only` };
  const stars = [...source].filter((c) => c === '*').length;
  if (stars > NUMBER_PATTERN_MAX_STARS) return { ok: false, reason: `at most ${NUMBER_PATTERN_MAX_STARS} * in a pattern` };
  const tokens: Token[] = [{ kind: 'star' }];
  for (const c of source) {
    if (c === '*') {
      if (tokens.at(-1)!.kind !== 'star') tokens.push({ kind: 'star' });
    } else tokens.push(c === '?' ? { kind: 'any' } : { kind: 'digit', digit: c });
  }
  return { ok: true, pattern: { source, tokens } };
}

/** Whether `number` matches (a reference implementation the enumeration is tested against). */
export function matchesNumberPattern(pattern: NumberPattern, number: string): boolean {
  const re = pattern.tokens.map((t) => (t.kind === 'star' ? '\\d*' : t.kind === 'any' ? '\\d' : t.digit)).join('');
  return new RegExp(`^${re}$`).test(number);
}

/**
 * The numbers `prefix` + `freeDigits` digits that match, in numeric order, lazily. A depth-first walk
 * over the free digits that follows the pattern's automaton and prunes every branch that can no
 * longer match in the digits left, so each branch it enters ends in at least one match: the cost is
 * proportional to the numbers taken, not to the size of the block.
 */
export function* matchingNumbers(pattern: NumberPattern, prefix: string, freeDigits: number): Generator<string> {
  const { tokens } = pattern;
  const n = tokens.length;
  // For each automaton state i (tokens[i..] still to match): fixed characters left, and whether a star is left.
  const minLeft = new Array<number>(n + 1).fill(0);
  const starLeft = new Array<boolean>(n + 1).fill(false);
  for (let i = n - 1; i >= 0; i--) {
    minLeft[i] = minLeft[i + 1]! + (tokens[i]!.kind === 'star' ? 0 : 1);
    starLeft[i] = starLeft[i + 1]! || tokens[i]!.kind === 'star';
  }
  const closure = (states: Set<number>) => {
    for (const i of [...states]) for (let j = i; j < n && tokens[j]!.kind === 'star'; j++) states.add(j + 1);
    return states;
  };
  const step = (states: Set<number>, digit: string) => {
    const next = new Set<number>();
    for (const i of states) {
      const t = tokens[i];
      if (!t) continue;
      if (t.kind === 'star') next.add(i);
      else if (t.kind === 'any' || t.digit === digit) next.add(i + 1);
    }
    return closure(next);
  };
  const viable = (states: Set<number>, left: number) => [...states].some((i) => minLeft[i]! <= left && (starLeft[i] || minLeft[i] === left));

  let start = closure(new Set([0]));
  for (const d of prefix) start = step(start, d);
  if (!viable(start, freeDigits)) return;

  const digits: string[] = [];
  function* walk(states: Set<number>, left: number): Generator<string> {
    if (left === 0) {
      if (states.has(n)) yield prefix + digits.join('');
      return;
    }
    for (let d = 0; d <= 9; d++) {
      const next = step(states, String(d));
      if (!viable(next, left - 1)) continue;
      digits.push(String(d));
      yield* walk(next, left - 1);
      digits.pop();
    }
  }
  yield* walk(start, freeDigits);
}
