// The JWT secret without AUTH_JWT_SECRET (platform/jwt-secret.ts): never the constant once published in
// the source; a random one made on first use in DATA_DIR, private to its owner, the same for every reader.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { jwtSecretFile, jwtSecretOf } from '../../platform/jwt-secret.js';

const PUBLISHED = 'dev-only-secret-do-not-use-in-production-0123456789';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jwt-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the JWT secret', () => {
  it('refuses the development secret once published in the source, in every mode', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(() => loadConfig({ NODE_ENV, AUTH_JWT_SECRET: PUBLISHED })).toThrow(/AUTH_JWT_SECRET: this secret is published in the source/);
    }
  });

  it('without AUTH_JWT_SECRET: loading the configuration writes nothing; the first use makes a random secret, mode 0600', () => {
    const dataDir = join(dir, 'data');
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(() => statSync(jwtSecretFile(dataDir))).toThrow(/ENOENT/);
    const secret = config.jwtSecret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(secret).not.toBe(PUBLISHED);
    expect(statSync(jwtSecretFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(jwtSecretFile(dataDir), 'utf8').trim()).toBe(secret);
    // Every later reader gets the same one; another data directory another one.
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(secret);
    expect(jwtSecretOf({ DATA_DIR: join(dir, 'other') })).not.toBe(secret);
  });

  it('AUTH_JWT_SECRET, when set, is the secret and no file is made', () => {
    expect(loadConfig({ DATA_DIR: dir, AUTH_JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
    expect(() => statSync(jwtSecretFile(dir))).toThrow(/ENOENT/);
  });

  it('refuses a secret file others can read, or one too short, with a one-line reason', () => {
    const file = jwtSecretFile(dir);
    writeFileSync(file, `${'k'.repeat(43)}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    let err: unknown;
    try {
      jwtSecretOf({ DATA_DIR: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([expect.stringMatching(/jwt-secret is open to group or others \(mode 644\): chmod 600 it$/)]);
    chmodSync(file, 0o600);
    expect(jwtSecretOf({ DATA_DIR: dir })).toBe('k'.repeat(43));
    writeFileSync(file, 'short\n');
    expect(() => jwtSecretOf({ DATA_DIR: dir })).toThrow(/holds fewer than 32 characters/);
    writeFileSync(file, `${PUBLISHED}\n`);
    expect(() => jwtSecretOf({ DATA_DIR: dir })).toThrow(/published in the source/);
  });
});
