import { describe, expect, it } from '@jest/globals';
import { maskIdNumber, normalizeIdNumber } from '../../domain/id-number.js';

describe('ID number masking', () => {
  it('keeps the first 6 and last 4 characters of an 18-character ID card', () => {
    expect(maskIdNumber('210202198001011234')).toBe('210202********1234');
    expect(maskIdNumber('21020219800101123X')).toBe('210202********123X');
  });

  it('keeps the length, and always hides a good part', () => {
    for (const n of [1, 4, 5, 9, 10, 14, 15, 17, 18, 20, 32]) {
      const id = '1234567890ABCDEFGHIJKLMNOPQRSTUV'.slice(0, n);
      const masked = maskIdNumber(id);
      expect(masked).toHaveLength(n);
      const hidden = masked.replace(/[^*]/g, '').length;
      expect(hidden).toBeGreaterThanOrEqual(Math.min(n, 3));
      // What shows is the number's own beginning and end.
      const [, head, tail] = masked.match(/^([^*]*)\**([^*]*)$/)!;
      expect(id.startsWith(head!) && id.endsWith(tail!)).toBe(true);
      expect(masked).not.toBe(id);
    }
    // A business licence (17 characters) keeps the region and the last 4.
    expect(maskIdNumber('21020200000001234')).toBe('210202*******1234');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('12345')).toBe('1***5');
    expect(maskIdNumber('1234567890')).toBe('123*****90');
    expect(maskIdNumber('')).toBe('');
  });

  it('normalizes what is typed: no spaces, X in upper case', () => {
    expect(normalizeIdNumber(' 210202 19800101 123x ')).toBe('21020219800101123X');
  });
});
