// Administering staff accounts (admin only): list, read, create, change — disable, enable, reset the
// password, replace the scopes. The command `npm run staff` does the same through the same service.
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { badRequest, conflict, notFound } from '../problem.js';
import { StaffAccount, StaffAccountInput, StaffAccountPatch, StaffParams } from '../schemas/staff.js';
import { StaffAccounts, type StaffOutcome } from '../../services/staff-accounts.js';

/** The account, or the outcome's refusal as a problem. */
function accountOf(outcome: StaffOutcome) {
  if ('account' in outcome) return outcome.account;
  if (outcome.refused === 'INVALID') throw badRequest('The staff account is not valid', outcome.problems);
  throw outcome.refused === 'TAKEN' ? conflict(outcome.detail) : notFound(outcome.detail);
}

export function registerStaffRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const staff = new StaffAccounts(() => deps.orm.em.fork());
  routes
    .add({
      method: 'get',
      path: '/staff',
      summary: 'Staff accounts (who may sign in to the workbench), by user name',
      tags: ['staff'],
      roles: ['admin'],
      responses: { 200: { description: 'every account', schema: StaffAccount.array() } },
      handler: async () => ({ body: await staff.list() }),
    })
    .add({
      method: 'post',
      path: '/staff',
      summary: 'Create a staff account',
      tags: ['staff'],
      roles: ['admin'],
      body: StaffAccountInput,
      responses: {
        201: { description: 'created', schema: StaffAccount },
        409: { description: 'the user name is taken' },
      },
      handler: async ({ body }) => {
        const account = accountOf(await staff.create(body));
        return { status: 201, headers: { location: `/staff/${account.username}` }, body: account };
      },
    })
    .add({
      method: 'get',
      path: '/staff/:username',
      summary: 'A staff account',
      tags: ['staff'],
      roles: ['admin'],
      params: StaffParams,
      responses: { 200: { description: 'the account', schema: StaffAccount }, 404: { description: 'no such account' } },
      handler: async ({ params }) => {
        const account = await staff.get(params.username);
        if (!account) throw notFound(`no staff account is called "${params.username}"`);
        return { body: account };
      },
    })
    .add({
      method: 'patch',
      path: '/staff/:username',
      summary: 'Change a staff account: display name, disabled, password, scopes',
      description: 'Disabling it, a new password or new scopes end its sessions (within API_KEY_CACHE_SECONDS).',
      tags: ['staff'],
      roles: ['admin'],
      params: StaffParams,
      body: StaffAccountPatch,
      responses: { 200: { description: 'the account as it is now', schema: StaffAccount }, 404: { description: 'no such account' } },
      handler: async ({ params, body }) => ({ body: accountOf(await staff.update(params.username, body)) }),
    });
}
