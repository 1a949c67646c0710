// Who may see an order. Pure, so the API's reads and lists and the event hub's deliveries apply one
// rule (the role that may read orders at all is the route's to check).
import { hasRole, inLocalNetworkScope, type Principal } from './access.js';

export interface OrderScopeFacts {
  localNetwork: string;
  agentId?: string | null;
}

/** An agent's credential with no wider reading role sees only the agent's own orders (reads, lists and events alike). */
export const ownOrdersOnly = (p: Principal) => p.roles.includes('agent') && !hasRole(p, 'order-entry', 'ops', 'auditor', 'supervisor');

/** Why the principal may not see the order, or undefined when it may: its local networks, and an agent its own orders. */
export function orderScopeRefusal(p: Principal, o: OrderScopeFacts): string | undefined {
  if (!inLocalNetworkScope(p, o.localNetwork)) return `not allowed in local network ${o.localNetwork}`;
  if (ownOrdersOnly(p) && o.agentId !== p.agentId) return 'agents see only their own orders';
  return undefined;
}
