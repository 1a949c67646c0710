// Staff accounts from the command line (the admin endpoints under /staff do the same):
//   npm run staff -- list
//   npm run staff -- create <user> --name "王芳" --role department --department dalian-customer-care [--ln dalian] [--level city] [--agent ID] [--org X] [--password-stdin]
//   npm run staff -- disable <user>          (ends its sessions)
//   npm run staff -- enable <user>
//   npm run staff -- reset-password <user> [--password-stdin]   (ends its sessions)
// Without --password-stdin a password is generated and printed once; a password is never taken as an
// argument, where shell histories and process lists would keep it.
import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';
import { databaseUnavailable } from '../api/problem.js';
import { createOrm, migrate } from '../db/orm.js';
import { z } from 'zod';
import { NewStaffSchema, StaffUpdateSchema, type StaffAccount } from '../domain/staff.js';
import { loadConfig } from '../platform/config.js';
import { exitOnConfigError } from '../platform/process.js';
import { generatedPassword, StaffAccounts, type StaffOutcome } from '../services/staff-accounts.js';

const USAGE =
  'usage: npm run staff -- list | create <user> --name <display name> --role <role> [scopes] | disable <user> | enable <user> | reset-password <user>';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    ln: { type: 'string', multiple: true },
    department: { type: 'string' },
    level: { type: 'string' },
    agent: { type: 'string' },
    org: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const [command, username] = positionals;
if (!command) fail(USAGE);
if (command !== 'list' && !username) fail(`${command}: which user? ${USAGE}`);
const config = exitOnConfigError(loadConfig);
if (!config.DATABASE_URL) fail('staff accounts are stored in the database: set DATABASE_URL (npm start prints it)');

/** The password from stdin (first line), or a generated one to print. */
async function passwordToSet(): Promise<{ password: string; generated: boolean }> {
  if (!values['password-stdin']) return { password: generatedPassword(), generated: true };
  return { password: (await text(process.stdin)).split(/\r?\n/)[0] ?? '', generated: false };
}

const line = (a: StaffAccount) =>
  [
    a.username.padEnd(24),
    a.disabled ? 'DISABLED' : 'active  ',
    a.roles.join(',').padEnd(16),
    `ln=${a.localNetworks === '*' ? '*' : a.localNetworks.join(',')}`,
    ...(a.department ? [`dept=${a.department}`] : []),
    ...(a.level ? [`level=${a.level}`] : []),
    ...(a.agentId ? [`agent=${a.agentId}`] : []),
    ...(a.org ? [`org=${a.org}`] : []),
    `"${a.displayName}"`,
  ].join(' ');

/** The input as the schema reads it, or the exit naming what is wrong. */
function parsed<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) fail(z.prettifyError(r.error));
  return r.data;
}

function accountOrFail(outcome: StaffOutcome): StaffAccount {
  if ('account' in outcome) return outcome.account;
  if (outcome.refused === 'INVALID') fail(outcome.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  fail(outcome.detail);
}

const orm = await createOrm(config.DATABASE_URL);
try {
  await migrate(orm);
  const staff = new StaffAccounts(() => orm.em.fork());
  const say = (s: string) => process.stdout.write(`${s}\n`);
  switch (command) {
    case 'list':
      for (const a of await staff.list()) say(line(a));
      break;
    case 'create': {
      const { password, generated } = await passwordToSet();
      const input = parsed(NewStaffSchema, {
        username,
        displayName: values.name ?? username,
        password,
        roles: values.role ?? [],
        localNetworks: values.ln?.includes('*') ? '*' : (values.ln ?? []),
        department: values.department,
        level: values.level,
        agentId: values.agent,
        org: values.org,
      });
      const a = accountOrFail(await staff.create(input));
      say(`created ${line(a)}`);
      if (generated) say(`password (shown once): ${password}`);
      break;
    }
    case 'disable':
    case 'enable': {
      const a = accountOrFail(await staff.update(username!, parsed(StaffUpdateSchema, { disabled: command === 'disable' })));
      say(`${command}d ${line(a)}${command === 'disable' ? `\nits sessions end within API_KEY_CACHE_SECONDS (${config.API_KEY_CACHE_SECONDS} s)` : ''}`);
      break;
    }
    case 'reset-password': {
      const { password, generated } = await passwordToSet();
      accountOrFail(await staff.update(username!, parsed(StaffUpdateSchema, { password })));
      say(`password of ${username} reset; its sessions end within API_KEY_CACHE_SECONDS (${config.API_KEY_CACHE_SECONDS} s)`);
      if (generated) say(`new password (shown once): ${password}`);
      break;
    }
    default:
      fail(`unknown command "${command}"; ${USAGE}`);
  }
} catch (err) {
  if (databaseUnavailable(err)) fail(`the database is unavailable: ${err instanceof Error ? err.message : String(err)}`);
  throw err;
} finally {
  await orm.close();
}
