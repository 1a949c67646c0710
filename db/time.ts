/** A timestamptz as the raw driver returns it (Date or '2026-11-22 22:09:04.9+00') → ISO 8601. */
export function isoOf(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString();
  const d = new Date(
    String(v)
      .replace(' ', 'T')
      .replace(/([+-]\d\d)$/, '$1:00'),
  );
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}
