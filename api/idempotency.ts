// A repeated create (same Idempotency-Key, or same externalId) must be the same request: its
// fingerprint — a hash of the validated body with keys in a fixed order — is stored with what it
// created, and a repeat with another body is refused (422) instead of silently answered with the
// first request's result.
import { createHash } from 'node:crypto';
import { unprocessable } from './problem.js';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

/** 422 unless the stored fingerprint (absent for rows older than fingerprints) matches. */
export function requireSameRequest(stored: unknown, fingerprint: string, what: { field: string; value: string; resource: string }): void {
  if (stored === null || stored === undefined || stored === fingerprint) return;
  throw unprocessable(`${what.field} "${what.value}" was already used for ${what.resource} with a different request; use a new key for a new request`, [
    { field: what.field, message: 'already used with a different request body', code: 'IDEMPOTENCY_KEY_REUSED' },
  ]);
}
