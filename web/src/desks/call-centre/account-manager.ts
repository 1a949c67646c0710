// Account managers (客户经理) work at the call-centre desk with what the API lets them do: their own
// customers (GET /accountManager/customers, no customer search or 360), those customers' work orders
// (GET /troubleTicket lists theirs only), reading, urging and noting them. No callbacks.
import type { components } from '../../api/openapi.js';

type SessionUser = components['schemas']['SessionUser'];

/** An account manager without the call centre's own role: the desk shows them their customers instead of the search. */
export const isAccountManagerOnly = (user: SessionUser | null | undefined): boolean =>
  !!user && user.roles.includes('account-manager') && !user.roles.includes('call-centre');
