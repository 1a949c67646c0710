// Account managers (客户经理, issue 15 point 7): an admin assigns a VIP or large customer's account
// manager (a staff account with the account-manager role in the customer's local network); a manager
// lists the customers they look after. Their work orders are the work orders' own routes.
import { z } from 'zod';
import { accountManagerProblem } from '../../domain/urging.js';
import { loadCustomer } from '../../db/customers.js';
import { assignAccountManager, customersOfAccountManager, unassignAccountManager } from '../../db/account-managers.js';
import { findStaff } from '../../db/staff.js';
import { isoOf } from '../../db/time.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { badRequest, notFound } from '../problem.js';
import { AccountManagerAssignment, AccountManagerInput, CustomerIdParams, ManagedCustomer, ManagedCustomersQuery } from '../schemas/account-manager.js';

export function registerAccountManagerRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const em = () => deps.orm.em.fork();
  routes
    .add({
      method: 'put',
      path: '/customer/:id/accountManager',
      summary: "Assign the customer's account manager (客户经理), replacing any other",
      description:
        'The work orders taken for the customer from then on name the manager (told of each; may read, note and urge them); those already taken keep theirs. ' +
        '400 when the staff account is missing, disabled, not an account manager or not working in the customer’s local network.',
      tags: ['account managers'],
      roles: ['admin'],
      params: CustomerIdParams,
      body: AccountManagerInput,
      responses: { 200: { description: 'assigned', schema: AccountManagerAssignment }, 404: { description: 'no such customer' } },
      handler: async ({ params, body }) => {
        const customer = await loadCustomer(em(), params.id);
        if (!customer) throw notFound(`no customer ${params.id}`);
        const problem = accountManagerProblem(await findStaff(em(), body.username), customer.homeLocalNetwork);
        if (problem) throw badRequest('The account manager cannot be assigned', [{ field: 'username', message: problem }]);
        const assignedAt = await assignAccountManager(em(), customer.id, body.username);
        return { body: { customerId: customer.id, username: body.username, assignedAt: isoOf(assignedAt)! } };
      },
    })
    .add({
      method: 'delete',
      path: '/customer/:id/accountManager',
      summary: 'The customer no longer has an account manager',
      tags: ['account managers'],
      roles: ['admin'],
      params: CustomerIdParams,
      responses: { 204: { description: 'none assigned any more' }, 404: { description: 'the customer has no account manager' } },
      handler: async ({ params }) => {
        if (!(await unassignAccountManager(em(), params.id))) throw notFound(`customer ${params.id} has no account manager`);
        return { status: 204 };
      },
    })
    .add({
      method: 'get',
      path: '/accountManager/customers',
      summary: 'The customers the caller looks after as their account manager, by name',
      tags: ['account managers'],
      roles: ['account-manager'],
      query: ManagedCustomersQuery,
      responses: { 200: { description: 'a page of customers; X-Total-Count has the total', schema: z.array(ManagedCustomer) } },
      handler: async ({ query, principal }) => {
        const { rows, total } = await customersOfAccountManager(em(), principal.sub, query.limit, query.offset);
        return {
          headers: { 'x-total-count': String(total) },
          body: rows.map((r) => ({
            id: r.id,
            name: r.name,
            kind: r.kind,
            tier: r.tier,
            homeLocalNetwork: r.home_local_network,
            assignedAt: isoOf(r.assigned_at)!,
          })),
        };
      },
    });
}
