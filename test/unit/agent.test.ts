import { describe, expect, it } from '@jest/globals';
import { checkAgentScope, type AgentContract } from '../../domain/agent.js';
import { chinaBusinessDay } from '../../domain/instant.js';
import { DEFAULT_AGENTS } from '../../domain/seed-data.js';

const contract: AgentContract = {
  agentId: 'agent-test',
  name: 'Test dealer',
  status: 'active',
  validFrom: '2008-01-01',
  validTo: '2009-01-01',
  offeringIds: ['bb-adsl-2m'],
  serviceLines: ['gsm_prepaid'],
  localNetworks: ['dalian', 'panjin'],
  dailyOrderLimit: 10,
};
const ok = { localNetwork: 'dalian' as const, offeringIds: ['bb-adsl-2m', 'gsm-prepaid-szx'], at: '2008-06-01T10:00:00+08:00', ordersToday: 3 };

describe('agent scope', () => {
  it('accepts an order inside the contract (offering listed, or its service line in scope)', () => {
    expect(checkAgentScope(contract, ok)).toEqual({ ok: true });
  });

  it('refuses outside the contract period; the contract ends exclusive at validTo', () => {
    expect(checkAgentScope(contract, { ...ok, at: '2007-12-31T23:00:00+08:00' })).toMatchObject({ ok: false, code: 'AGENT_CONTRACT_NOT_STARTED' });
    expect(checkAgentScope(contract, { ...ok, at: '2008-12-31T23:59:59+08:00' }).ok).toBe(true);
    const expired = checkAgentScope(contract, { ...ok, at: '2009-01-01' });
    expect(expired).toEqual({ ok: false, code: 'AGENT_CONTRACT_EXPIRED', reason: 'agent agent-test (Test dealer): contract ended 2009-01-01' });
  });

  it('refuses a local network outside its scope', () => {
    const r = checkAgentScope(contract, { ...ok, localNetwork: 'shenyang' });
    expect(r).toMatchObject({ ok: false, code: 'AGENT_LOCAL_NETWORK_OUT_OF_SCOPE' });
    expect(!r.ok && r.reason).toMatch(/may sell in dalian, panjin, not in shenyang/);
  });

  it('refuses an offering outside its scope and names it', () => {
    expect(checkAgentScope(contract, { ...ok, offeringIds: ['bb-adsl-2m', 'gsm-global-58'] })).toMatchObject({
      ok: false,
      code: 'AGENT_OFFERING_OUT_OF_SCOPE',
      offeringId: 'gsm-global-58',
    });
    // An offering the catalog does not know cannot be in a service-line scope.
    expect(checkAgentScope(contract, { ...ok, offeringIds: ['no-such'] })).toMatchObject({ code: 'AGENT_OFFERING_OUT_OF_SCOPE' });
  });

  it('refuses once the daily order limit is reached', () => {
    expect(checkAgentScope(contract, { ...ok, ordersToday: 9 }).ok).toBe(true);
    expect(checkAgentScope(contract, { ...ok, ordersToday: 10 })).toMatchObject({ ok: false, code: 'AGENT_DAILY_LIMIT_REACHED' });
  });

  it('refuses a suspended agent before anything else', () => {
    expect(checkAgentScope({ ...contract, status: 'suspended' }, ok)).toMatchObject({ code: 'AGENT_SUSPENDED' });
  });

  it('counts days in China Standard Time', () => {
    expect(chinaBusinessDay('2008-06-01T16:30:00Z')).toBe('2008-06-02');
    expect(chinaBusinessDay('2008-06-01T15:59:59Z')).toBe('2008-06-01');
  });

  it('ships seed agents covering the interesting cases', () => {
    const at = '2026-03-01';
    const byId = new Map(DEFAULT_AGENTS.map((a) => [a.agentId, a]));
    expect(checkAgentScope(byId.get('agent-sy-huaxin')!, { localNetwork: 'shenyang', offeringIds: ['gsm-prepaid-szx'], at, ordersToday: 0 }).ok).toBe(true);
    expect(checkAgentScope(byId.get('agent-jz-yongxin')!, { localNetwork: 'jinzhou', offeringIds: ['gsm-prepaid-szx'], at, ordersToday: 0 })).toMatchObject({
      code: 'AGENT_CONTRACT_EXPIRED',
    });
    expect(checkAgentScope(byId.get('agent-hld-bohai')!, { localNetwork: 'huludao', offeringIds: [], at, ordersToday: 0 })).toMatchObject({
      code: 'AGENT_SUSPENDED',
    });
  });
});
