// How receivers authenticate a delivery: HMAC-SHA256 with the subscription's secret (given once, when
// the subscription is made) over `<timestamp>.<raw body>`, sent as
//   X-Event-Signature: t=<unix seconds>,v1=<hex digest>
// The timestamp is signed too, so a receiver can refuse old deliveries replayed by someone who
// recorded them (compare t with its clock, e.g. within 5 minutes); the event id (X-Event-Id, and
// eventId in the body) lets it drop the duplicates at-least-once delivery may bring.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-event-signature';
export const EVENT_ID_HEADER = 'x-event-id';
export const EVENT_TYPE_HEADER = 'x-event-type';

/** A new subscription secret: 32 random bytes, base64url. */
export const newSecret = () => randomBytes(32).toString('base64url');

const digest = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${digest(secret, timestamp, body)}`;
}

/** A receiver's check: the header matches the body and its timestamp lies within `toleranceSeconds` of now. */
export function verifySignature(secret: string, header: string | undefined, body: string, toleranceSeconds = 300, nowMs = Date.now()): boolean {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const timestamp = Number(m[1]);
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(m[2]!, 'hex'), Buffer.from(digest(secret, timestamp, body), 'hex'));
}
