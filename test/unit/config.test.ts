import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../platform/config.js';

describe('configuration', () => {
  it('applies defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.API_PORT).toBe(3000);
    expect(c.TEMPORAL_ADDRESS).toBeUndefined();
    expect(c.TEMPORAL_UI_PORT).toBe(8233);
    expect(c.EMBEDDED_PG_PORT).not.toBe(5432);
  });

  it('names the variable and what is expected when a value is bad', () => {
    let err: unknown;
    try {
      loadConfig({ API_PORT: 'eighty', TEMPORAL_ADDRESS: 'http://x', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/API_PORT: expected a port number \(got "eighty"\)/);
    expect(msg).toMatch(/TEMPORAL_ADDRESS: expected host:port/);
    expect(msg).toMatch(/DATABASE_URL: expected a postgres:\/\/ URL/);
  });

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET: required in production/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it('trusts proxies only as counted or named: "true" would let any client choose its rate-limit address', () => {
    expect(loadConfig({}).API_TRUST_PROXY).toBe(false);
    expect(loadConfig({ API_TRUST_PROXY: '1' }).API_TRUST_PROXY).toBe(1);
    expect(loadConfig({ API_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).API_TRUST_PROXY).toBe('loopback,10.0.0.0/8,fd00::1');
    expect(() => loadConfig({ API_TRUST_PROXY: 'true' })).toThrow(/API_TRUST_PROXY: expected false, the number of proxies/);
    expect(() => loadConfig({ API_TRUST_PROXY: '10.0.0.300' })).toThrow(/API_TRUST_PROXY/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
