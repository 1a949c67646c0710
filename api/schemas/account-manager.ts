// Account managers (客户经理): who looks after a customer, and the customers a manager looks after.
import { z } from 'zod';
import { UsernameSchema } from '../../domain/staff.js';
import { Paging } from './work-order.js';

export const CustomerIdParams = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
});

export const AccountManagerInput = z.strictObject({
  username: UsernameSchema.describe('The staff account of the account manager: role account-manager, working in the customer’s local network'),
});

export const AccountManagerAssignment = z
  .object({
    customerId: z.string(),
    username: z.string(),
    assignedAt: z.string().describe('Since when this manager looks after the customer'),
  })
  .meta({ id: 'AccountManagerAssignment' });

export const ManagedCustomersQuery = z.object({ ...Paging });

export const ManagedCustomer = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    tier: z.string(),
    homeLocalNetwork: z.string(),
    assignedAt: z.string(),
  })
  .meta({ id: 'ManagedCustomer' });
