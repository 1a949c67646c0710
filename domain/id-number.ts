// Identity numbers (resident ID cards, business licences) as staff see them: masked. The full
// number is a search key, never an answer: a list shows enough to confirm it with the caller.

/**
 * The number with its middle hidden: an 18-character ID card keeps its first 6 (the region) and
 * last 4 characters (210202********1234); a shorter number keeps less, and one of 4 characters or
 * fewer shows none. The length is kept, so a masked number still reads as an ID card or a licence.
 */
export function maskIdNumber(idNumber: string): string {
  const n = idNumber.length;
  if (n <= 4) return '*'.repeat(n);
  // Shorter numbers keep less, so that a good part stays hidden.
  const head = n >= 15 ? 6 : n >= 10 ? 3 : 1;
  const tail = n >= 15 ? 4 : n >= 10 ? 2 : 1;
  return idNumber.slice(0, head) + '*'.repeat(n - head - tail) + idNumber.slice(n - tail);
}

/** The form an ID number is stored and looked up in: no spaces, the check character X upper case. */
export function normalizeIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}
