// Staff passwords: argon2id (@node-rs/argon2, prebuilt, its defaults m=19 MiB, t=2, p=1 — OWASP's
// minimum for argon2id), stored as the PHC string, which carries its own salt and parameters.
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// The package's Algorithm is a const enum, which isolated modules cannot read: its Argon2id value.
const ARGON2ID = 2 as Algorithm.Argon2id;

export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: ARGON2ID });

/** False for a wrong password and for a stored value that is no argon2 hash (never throws). */
export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Checks the password against a hash of nothing, for a user name that does not exist: the answer takes
 * as long as for a wrong password, so timing does not tell which user names exist.
 */
export async function spendPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('no account has this password');
  await passwordMatches(await dummy, password);
}
