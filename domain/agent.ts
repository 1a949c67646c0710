// Agents (代理商): resellers entering orders on the operator's system under a contract that
// limits when, where and what they may sell, and how many orders a day.
import { DEFAULT_CATALOG, catalogById, type ProductOffering, type ServiceLine } from './catalog.js';
import { inWindow, toEpochMs, type Instant } from './instant.js';
import type { LocalNetworkId } from './local-networks.js';

export interface AgentContract {
  agentId: string;
  name: string;
  status: 'active' | 'suspended';
  /** ISO date or instant; the contract ends exclusive at validTo. */
  validFrom: string;
  validTo: string;
  /** Scope: an offering is in scope when listed here or its service line is in `serviceLines`. */
  offeringIds?: string[];
  serviceLines?: ServiceLine[];
  localNetworks: LocalNetworkId[];
  /** Orders per business day (China Standard Time). */
  dailyOrderLimit: number;
}

export const AGENT_REFUSAL_CODES = [
  'AGENT_SUSPENDED',
  'AGENT_CONTRACT_NOT_STARTED',
  'AGENT_CONTRACT_EXPIRED',
  'AGENT_LOCAL_NETWORK_OUT_OF_SCOPE',
  'AGENT_OFFERING_OUT_OF_SCOPE',
  'AGENT_DAILY_LIMIT_REACHED',
] as const;
export type AgentRefusalCode = (typeof AGENT_REFUSAL_CODES)[number];

export type AgentScopeResult = { ok: true } | { ok: false; code: AgentRefusalCode; reason: string; offeringId?: string };

export interface AgentScopeRequest {
  localNetwork: LocalNetworkId;
  offeringIds: string[];
  at: Instant;
  /** Orders the agent already placed this business day. */
  ordersToday: number;
  /** Where to find an offering's service line; defaults to the built-in catalog. */
  catalog?: ReadonlyMap<string, Pick<ProductOffering, 'serviceLine'>>;
}

const DEFAULT_CATALOG_BY_ID = catalogById(DEFAULT_CATALOG);

export function isOfferingInAgentScope(
  contract: AgentContract,
  offeringId: string,
  catalog: ReadonlyMap<string, Pick<ProductOffering, 'serviceLine'>> = DEFAULT_CATALOG_BY_ID,
): boolean {
  if (contract.offeringIds?.includes(offeringId)) return true;
  const line = catalog.get(offeringId)?.serviceLine;
  return line !== undefined && (contract.serviceLines?.includes(line) ?? false);
}

/** The first reason the agent may not place this order, checked from the contract outward. */
export function checkAgentScope(contract: AgentContract, req: AgentScopeRequest): AgentScopeResult {
  const refuse = (code: AgentRefusalCode, reason: string, offeringId?: string): AgentScopeResult => ({
    ok: false,
    code,
    reason,
    ...(offeringId === undefined ? {} : { offeringId }),
  });
  const who = `agent ${contract.agentId} (${contract.name})`;
  if (contract.status !== 'active') return refuse('AGENT_SUSPENDED', `${who} is suspended`);
  const atMs = toEpochMs(req.at);
  const from = toEpochMs(contract.validFrom);
  const to = toEpochMs(contract.validTo);
  if (!inWindow(atMs, from, to)) {
    return atMs < from
      ? refuse('AGENT_CONTRACT_NOT_STARTED', `${who}: contract starts ${contract.validFrom}`)
      : refuse('AGENT_CONTRACT_EXPIRED', `${who}: contract ended ${contract.validTo}`);
  }
  if (!contract.localNetworks.includes(req.localNetwork)) {
    return refuse('AGENT_LOCAL_NETWORK_OUT_OF_SCOPE', `${who} may sell in ${contract.localNetworks.join(', ')}, not in ${req.localNetwork}`);
  }
  const outside = req.offeringIds.find((id) => !isOfferingInAgentScope(contract, id, req.catalog));
  if (outside !== undefined) {
    return refuse('AGENT_OFFERING_OUT_OF_SCOPE', `${who} may not sell ${outside}`, outside);
  }
  if (req.ordersToday >= contract.dailyOrderLimit) {
    return refuse('AGENT_DAILY_LIMIT_REACHED', `${who} has placed ${req.ordersToday} orders today; the contract allows ${contract.dailyOrderLimit}`);
  }
  return { ok: true };
}
