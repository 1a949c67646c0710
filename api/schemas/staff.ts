// Staff accounts as the admin endpoints (/staff) take and show them. The password is never shown.
import { z } from 'zod';
import { ROLES } from '../../domain/access.js';
import { NewStaffSchema, StaffUpdateSchema, UsernameSchema } from '../../domain/staff.js';

export const StaffAccountInput = NewStaffSchema.meta({ id: 'StaffAccount_Create' });

export const StaffAccountPatch = StaffUpdateSchema.meta({
  id: 'StaffAccount_Update',
  description: 'Disabling it, a new password or new scopes (every role and scope at once) end its sessions.',
});

export const StaffAccount = z
  .object({
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    localNetworks: z.union([z.literal('*'), z.array(z.string())]),
    department: z.string().optional(),
    level: z.enum(['city', 'province', 'national']).optional(),
    agentId: z.string().optional(),
    org: z.string().optional(),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'StaffAccount' });

export const StaffParams = z.object({ username: UsernameSchema });
