// Sign-in for the workbench: POST /auth/login in, the session's user out (also GET /auth/me).
import { z } from 'zod';
import { ROLES } from '../../domain/access.js';
import { MAX_PASSWORD_LENGTH } from '../../domain/staff.js';

export const LoginInput = z
  .strictObject({
    // Not checked against the user-name rules: a malformed name is just a wrong one (same 401).
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  })
  .meta({ id: 'LoginInput' });

export const SessionUser = z
  .object({
    username: z.string().describe("The principal's sub"),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    localNetworks: z.union([z.literal('*'), z.array(z.string())]).describe("'*' for all local networks"),
    department: z.string().optional(),
    level: z.enum(['city', 'province', 'national']).optional(),
    agentId: z.string().optional(),
  })
  .meta({ id: 'SessionUser' });

export const Session = z
  .object({
    user: SessionUser,
    csrfToken: z.string().describe('Also in the telecom_csrf cookie: send it as X-CSRF-Token on every write authenticated by the session cookie'),
    expiresAt: z.iso.datetime().describe('When the session ends (the cookie and its token expire)'),
  })
  .meta({ id: 'Session' });
