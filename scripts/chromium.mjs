// The browser the workbench's tests drive: Debian's own Chromium package (never a browser Playwright
// downloads), with CJK fonts so Chinese renders in screenshots. Node built-ins only: bootstrap runs
// it before any dependency is guaranteed. Where it is missing it is installed with apt as root;
// elsewhere the message says what to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { executable } from './executables.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-noto-cjk'];
const CJK_FONTS = '/usr/share/fonts/opentype/noto';

/** The path of the Chromium to drive; installs the packages when missing and allowed. */
export function ensureChromium({ log = () => {} } = {}) {
  if (executable(CHROMIUM) && (process.env.CHROMIUM_PATH || existsSync(CJK_FONTS))) return CHROMIUM;
  const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find(executable);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!aptGet || !root) {
    throw new Error(
      `the browser tests need Chromium at ${CHROMIUM} and CJK fonts: run \`sudo apt-get install -y ${PACKAGES.join(' ')}\` (or set CHROMIUM_PATH to a Chromium)`,
    );
  }
  log(`installing ${PACKAGES.join(' and ')} with apt-get (the browser tests drive Debian's Chromium)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...PACKAGES],
  ]) {
    const r = spawnSync(aptGet, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with exit code ${r.status}`);
  }
  if (!executable(CHROMIUM)) throw new Error(`apt-get installed chromium, yet ${CHROMIUM} is not there`);
  return CHROMIUM;
}
