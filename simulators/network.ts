// Network provisioning simulator: activates and deactivates a service's configuration.
// Can be told to reject activations for given offerings or actions, permanently, so tests can
// drive the saga's compensation. Activating a service that is already active is accepted (a
// naive network manager pushes the configuration again) and counted as a duplicate.
import { z } from 'zod';
import { createSimulator, parseSequentialId, refuse, reply, sequentialId, type Simulator, type SimulatorOptions } from './framework.js';
import { RESOURCE_KINDS } from './inventory.js';

interface Activation {
  serviceId: string;
  orderId: string;
  itemId: string;
  offeringId?: string;
  actions: string[];
  resources: { kind: string; value: string }[];
  status: 'active' | 'deactivated';
  /** Times this activation was applied (more than 1 means a duplicate). */
  applied: number;
}

export interface NetworkState {
  activations: Map<string, Activation>;
  /** serviceId → activationId of its active configuration. */
  activeByService: Map<string, string>;
  nextActivation: number;
  duplicateActivations: number;
  failOfferings: Set<string>;
  failActions: Set<string>;
}

export interface NetworkViews {
  activeServices: number;
  /** Activations of a service that was already active: must stay 0. */
  duplicateActivations: number;
  /** Per activationId (left out in summary mode). */
  activations?: Record<string, Activation>;
}

export const NetworkControl = z.object({
  /** Offering ids whose activations are rejected with ACTIVATION_REJECTED (replaces the list). */
  failOfferings: z.array(z.string()).optional(),
  /** Network actions whose activations are rejected with ACTIVATION_REJECTED (replaces the list). */
  failActions: z.array(z.string()).optional(),
});

const id = z.string().min(1).max(128);
const Activate = z.object({
  serviceId: id,
  orderId: id,
  itemId: id,
  offeringId: id.optional(),
  actions: z.array(z.string().min(1).max(64)).max(50),
  resources: z.array(z.object({ kind: z.enum(RESOURCE_KINDS), value: z.string().min(1).max(64) })).max(50),
});

export function createNetworkSimulator(opts: SimulatorOptions = {}): Simulator<NetworkState> {
  const sim = createSimulator(
    {
      system: 'network',
      initialState: (): NetworkState => ({
        activations: new Map(),
        activeByService: new Map(),
        nextActivation: 1,
        duplicateActivations: 0,
        failOfferings: new Set(),
        failActions: new Set(),
      }),
      control: NetworkControl,
      applyControl(state, c) {
        if (c.failOfferings) state.failOfferings = new Set(c.failOfferings);
        if (c.failActions) state.failActions = new Set(c.failActions);
      },
      settings: (state) => ({ failOfferings: [...state.failOfferings], failActions: [...state.failActions] }),
      views: (state, summary): NetworkViews => ({
        activeServices: state.activeByService.size,
        duplicateActivations: state.duplicateActivations,
        ...(summary ? {} : { activations: Object.fromEntries(state.activations) }),
      }),
    },
    opts,
  );

  sim.command('post', '/activations', 'activateService', Activate, ({ state, body, record }) => {
    if (body.offeringId !== undefined && state.failOfferings.has(body.offeringId)) {
      return refuse(409, 'ACTIVATION_REJECTED', `the network rejects offering ${body.offeringId}`);
    }
    const badAction = body.actions.find((a) => state.failActions.has(a));
    if (badAction) return refuse(409, 'ACTIVATION_REJECTED', `the network rejects action ${badAction}`);

    const current = state.activeByService.get(body.serviceId);
    if (current) {
      const a = state.activations.get(current)!;
      a.applied++;
      state.duplicateActivations++;
      record({ activationId: current, serviceId: body.serviceId, duplicate: true });
      return reply({ activationId: current }, 201);
    }
    const activationId = sequentialId('ACT', state.nextActivation++);
    state.activations.set(activationId, { ...body, status: 'active', applied: 1 });
    state.activeByService.set(body.serviceId, activationId);
    record({ activationId, serviceId: body.serviceId, orderId: body.orderId, itemId: body.itemId, actions: body.actions, duplicate: false });
    return reply({ activationId }, 201);
  });

  sim.command('post', '/activations/:activationId/deactivate', 'deactivateService', z.object({}), ({ state, params, record }) => {
    const activationId = params.activationId!;
    const a = state.activations.get(activationId);
    if (!a) {
      const n = parseSequentialId('ACT', activationId);
      return n !== undefined && n >= 1 && n < state.nextActivation
        ? reply({ activationId, status: 'deactivated' })
        : refuse(404, 'UNKNOWN_ACTIVATION', `no activation ${activationId}`);
    }
    if (a.status === 'active') {
      a.status = 'deactivated';
      state.activeByService.delete(a.serviceId);
      record({ activationId, serviceId: a.serviceId });
    }
    return reply({ activationId, status: a.status });
  });

  return sim;
}
