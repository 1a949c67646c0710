// The workbench's two message catalogues say the same things: the same keys, no empty message, the
// same `{placeholders}` in each message; and its text limit is the work order's own.
import { describe, expect, it } from '@jest/globals';
import { MAX_TEXT } from '../../domain/work-order.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { MAX_TEXT as WEB_MAX_TEXT } from '../../web/src/shared/limits.js';

const placeholders = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('the message catalogues', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('have a message for every key, with the same placeholders in both languages', () => {
    // duration.join is the separator between units: none in Chinese.
    const blank = Object.entries({ ...zhCN }).filter(([k, m]) => m.trim() === '' && k !== 'duration.join');
    expect(blank).toEqual([]);
    expect(Object.entries(en).filter(([, m]) => m.trim() === '' && m !== ' ')).toEqual([]);
    const differing = Object.keys(zhCN).filter((k) => placeholders(zhCN[k as keyof typeof zhCN]).join() !== placeholders(en[k as keyof typeof en]).join());
    expect(differing).toEqual([]);
  });

  it("use the work order's own text limit in the forms", () => {
    expect(WEB_MAX_TEXT).toBe(MAX_TEXT);
  });
});
