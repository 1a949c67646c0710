// Finding programs, for the set-up scripts (Node built-ins only: bootstrap runs them before any
// dependency is guaranteed).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of a program on PATH, or undefined. */
export function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The go command: on PATH, or where the Go distribution installs it. */
export function findGo() {
  return onPath('go') ?? (executable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}
