import pg from 'pg';

export default async function globalTeardown() {
  const ctx = (globalThis as Record<string, unknown>).__telecomTest as
    | { server: { stop(): Promise<void> }; adminUrl: string; dbName: string }
    | undefined;
  if (!ctx) return;
  await ctx.server.stop();
  const admin = new pg.Client(ctx.adminUrl);
  await admin.connect();
  await admin.query(`drop database if exists ${ctx.dbName} with (force)`);
  await admin.end();
}
