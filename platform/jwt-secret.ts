// The key bearer tokens are signed with: AUTH_JWT_SECRET, or — when it is unset, outside production —
// a random secret made on first use and kept in DATA_DIR/jwt-secret (mode 0600), which the API and
// `npm run token` share. Never a constant of the source: anyone could mint tokens for such an install.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './config-error.js';

export const MIN_JWT_SECRET_LENGTH = 32;

/** The development secret earlier versions shipped in the source: public, so refused everywhere. */
export const PUBLISHED_JWT_SECRETS: readonly string[] = ['dev-only-secret-do-not-use-in-production-0123456789'];

export const jwtSecretFile = (dataDir: string) => resolve(dataDir, 'jwt-secret');

export function jwtSecretOf(config: { readonly AUTH_JWT_SECRET?: string; readonly DATA_DIR: string }): string {
  if (config.AUTH_JWT_SECRET) return config.AUTH_JWT_SECRET;
  const file = jwtSecretFile(config.DATA_DIR);
  try {
    return readSecretFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Written whole under a name of its own, then linked into place: link() fails when the file exists,
  // so processes starting together (the API, `npm run token`) all end up with the first one's secret,
  // and none ever reads a half-written file (as it could after open('wx') and before the write).
  const draft = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(draft);
  }
  return readSecretFile(file);
}

function readSecretFile(file: string): string {
  const refuse = (why: string) => new ConfigError([`AUTH_JWT_SECRET is unset and ${file} ${why}`]);
  const mode = statSync(file).mode & 0o777;
  // Windows has no such modes; elsewhere a key others can read lets them mint tokens.
  if (process.platform !== 'win32' && mode & 0o077) throw refuse(`is open to group or others (mode ${mode.toString(8)}): chmod 600 it`);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_JWT_SECRET_LENGTH) throw refuse(`holds fewer than ${MIN_JWT_SECRET_LENGTH} characters: delete it to have a new one made`);
  if (PUBLISHED_JWT_SECRETS.includes(secret)) throw refuse('holds a secret published in the source: delete it to have a new one made');
  return secret;
}
