// A configuration error names the variable and what was given, but never a secret's value nor the
// password in a URL: start-up errors end up in terminals, CI logs and tickets.
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, redactValue } from '../../platform/config.js';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration errors redact secrets', () => {
  it('names a secret variable without printing its value', () => {
    const msg = problemsOf({ AUTH_JWT_SECRET: 'too-short-but-secret', API_METRICS_TOKEN: 'tok-1234', API_PORT: 'eighty' });
    expect(msg).toMatch(/AUTH_JWT_SECRET: expected at least 32 characters \(got "\[redacted\]"\)/);
    expect(msg).toMatch(/API_METRICS_TOKEN: expected at least 16 characters/);
    expect(msg).not.toContain('too-short-but-secret');
    expect(msg).not.toContain('tok-1234');
    // Other values are still shown: they are what the operator needs to see.
    expect(msg).toMatch(/API_PORT: expected a port number \(got "eighty"\)/);
  });

  it('hides the password of a URL, parsable or not, and keeps the rest', () => {
    const msg = problemsOf({ DATABASE_URL: 'mysql://app:hunter2@db.internal:3306/orders', BILLING_URL: 'billing//svc:pa55word@billing' });
    expect(msg).toContain('mysql://app:***@db.internal:3306/orders');
    expect(msg).toContain('billing//svc:***@billing');
    expect(msg).not.toMatch(/hunter2|pa55word/);
  });

  it('redactValue: by name, and by the user:password@ part of a value', () => {
    expect(redactValue('TEMPORAL_API_KEY', 'abc')).toBe('[redacted]');
    expect(redactValue('SOME_PASSWORD', 'abc')).toBe('[redacted]');
    expect(redactValue('DATABASE_URL', 'postgres://u:p%40ss@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactValue('DATABASE_URL', 'postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(redactValue('API_PORT', 'eighty')).toBe('eighty');
  });
});
