import { ConfigError } from './config.js';

/** Runs the config loader; a bad configuration prints what is wrong and exits 1, no stack trace. */
export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw err;
  }
}
