// Network provisioning simulator: activates and deactivates a service's configuration.
// Can be told to reject activations for given offerings or actions, permanently, so tests can
// drive the saga's compensation. Activating a service that is already active is accepted (a
// naive network manager pushes the configuration again) and counted as a duplicate.
// Changes to a live service are calls of their own, by service id: modify (another plan's settings,
// e.g. a broadband speed, or a relocated line's new port), bar / unbar, remove and its undo restore.
// The seeded services (simulators/estate.ts) are known as active configurations (barred when
// suspended), copied into the state when first touched; their service id is the subscription id.
import { z } from 'zod';
import { createSimulator, parseSequentialId, refuse, reply, sequentialId, type Simulator, type SimulatorOptions } from './framework.js';
import { RESOURCE_KINDS, type ResourceKind } from './inventory.js';
import { seededEstate, type Estate } from './estate.js';

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
  /** Barred (停机): configured, but the subscriber can use nothing. */
  barred?: boolean;
  /** Modifications applied to this configuration. */
  modifications?: number;
  /** Seeded (known from the estate), not activated here. */
  seeded?: boolean;
}

export interface NetworkState {
  activations: Map<string, Activation>;
  /** serviceId → activationId of its active configuration. */
  activeByService: Map<string, string>;
  nextActivation: number;
  duplicateActivations: number;
  failOfferings: Set<string>;
  failActions: Set<string>;
  /** serviceId → activationId of its configuration last removed (what a restore brings back). */
  removedByService: Map<string, string>;
  nextChange: number;
  changes: { modifications: number; bars: number; unbars: number; removals: number; restorations: number };
}

export interface NetworkViews {
  activeServices: number;
  /** Activations of a service that was already active: must stay 0. */
  duplicateActivations: number;
  /** Changes to live services, per kind. */
  changes: NetworkState['changes'];
  /** Per activationId (left out in summary mode). */
  activations?: Record<string, Activation>;
}

export const NetworkControl = z.object({
  /** Offering ids whose activations are rejected with ACTIVATION_REJECTED (replaces the list). */
  failOfferings: z.array(z.string()).optional(),
  /** Network actions whose activations are rejected with ACTIVATION_REJECTED (replaces the list). */
  failActions: z.array(z.string()).optional(),
});

/** The action names the change calls check against failActions (besides a modify's own actions). */
export const CHANGE_ACTIONS = { bar: 'service.bar', unbar: 'service.unbar', remove: 'service.remove', restore: 'service.restore' } as const;

/** The activation id of a seeded service's configuration. */
export const seededActivationId = (serviceId: string) => `SEED-${serviceId}`;

/** The active configuration of a service: activated here, or seeded (copied into the state when first touched). */
function activeConfiguration(state: NetworkState, estate: Estate, serviceId: string): [string, Activation] | undefined {
  const current = state.activeByService.get(serviceId);
  if (current) return [current, state.activations.get(current)!];
  const seeded = estate.subscription(serviceId);
  const activationId = seededActivationId(serviceId);
  if (!seeded || seeded.status === 'terminated' || state.activations.has(activationId)) return undefined;
  const a: Activation = {
    serviceId,
    orderId: 'seed',
    itemId: 'seed',
    offeringId: seeded.offeringId,
    actions: [],
    resources: [],
    status: 'active',
    applied: 1,
    barred: seeded.status === 'suspended',
    seeded: true,
  };
  state.activations.set(activationId, a);
  state.activeByService.set(serviceId, activationId);
  return [activationId, a];
}

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
  const estate = seededEstate(opts.estate);
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
        removedByService: new Map(),
        nextChange: 1,
        changes: { modifications: 0, bars: 0, unbars: 0, removals: 0, restorations: 0 },
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
        changes: { ...state.changes },
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

    const current = activeConfiguration(state, estate, body.serviceId)?.[0];
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

  // ---- changes to a live service, by service id ----

  const rejected = (state: NetworkState, actions: string[], offeringId?: string) => {
    if (offeringId !== undefined && state.failOfferings.has(offeringId)) return refuse(409, 'CHANGE_REJECTED', `the network rejects offering ${offeringId}`);
    const bad = actions.find((a) => state.failActions.has(a));
    return bad ? refuse(409, 'CHANGE_REJECTED', `the network rejects action ${bad}`) : undefined;
  };
  const unknown = (serviceId: string) => refuse(404, 'UNKNOWN_SERVICE', `no active service ${serviceId}`);

  /**
   * Pushes another configuration to a live service: another plan's settings (offering and actions), or a
   * relocated line's new resources. Answers with what it had, so an undo can push that back.
   */
  const Modify = z.object({
    orderId: id,
    itemId: id,
    offeringId: id.optional(),
    actions: z.array(z.string().min(1).max(64)).max(50),
    resources: z
      .array(z.object({ kind: z.enum(RESOURCE_KINDS), value: z.string().min(1).max(64) }))
      .max(50)
      .optional(),
    /** The resources given replace all the configuration's (an undo's); otherwise they replace those of their kinds (a relocation's new port). */
    replaceResources: z.boolean().optional(),
  });
  sim.command('post', '/services/:serviceId/modify', 'modifyService', Modify, ({ state, params, body, record }) => {
    const serviceId = params.serviceId!;
    const found = activeConfiguration(state, estate, serviceId);
    if (!found) return unknown(serviceId);
    const no = rejected(state, body.actions, body.offeringId);
    if (no) return no;
    const [activationId, a] = found;
    const previous = { offeringId: a.offeringId, actions: a.actions, resources: a.resources };
    if (body.offeringId !== undefined) a.offeringId = body.offeringId;
    a.actions = body.actions;
    if (body.resources) {
      const kinds = new Set(body.resources.map((r) => r.kind));
      a.resources = body.replaceResources ? body.resources : [...a.resources.filter((r) => !kinds.has(r.kind as ResourceKind)), ...body.resources];
    }
    a.modifications = (a.modifications ?? 0) + 1;
    state.changes.modifications++;
    const changeId = sequentialId('CHG', state.nextChange++);
    record({
      changeId,
      activationId,
      serviceId,
      orderId: body.orderId,
      itemId: body.itemId,
      from: previous.offeringId,
      to: a.offeringId,
      actions: body.actions,
    });
    return reply({ changeId, activationId, previous }, 201);
  });

  const setBarred = (barred: boolean, kind: 'bars' | 'unbars', action: string) =>
    sim.command(
      'post',
      `/services/:serviceId/${barred ? 'bar' : 'unbar'}`,
      barred ? 'barService' : 'unbarService',
      z.object({}),
      ({ state, params, record }) => {
        const serviceId = params.serviceId!;
        const found = activeConfiguration(state, estate, serviceId);
        if (!found) return unknown(serviceId);
        const no = rejected(state, [action]);
        if (no) return no;
        const [activationId, a] = found;
        // Barring a barred service (or unbarring an open one) changes nothing and is fine.
        if (Boolean(a.barred) !== barred) {
          a.barred = barred;
          state.changes[kind]++;
          record({ activationId, serviceId, barred });
        }
        return reply({ serviceId, activationId, barred });
      },
    );
  setBarred(true, 'bars', CHANGE_ACTIONS.bar);
  setBarred(false, 'unbars', CHANGE_ACTIONS.unbar);

  /** Removes a live service's configuration (disconnection); restore brings the same one back. */
  sim.command('post', '/services/:serviceId/remove', 'removeService', z.object({}), ({ state, params, record }) => {
    const serviceId = params.serviceId!;
    const found = activeConfiguration(state, estate, serviceId);
    if (!found) return unknown(serviceId);
    const no = rejected(state, [CHANGE_ACTIONS.remove]);
    if (no) return no;
    const [activationId, a] = found;
    a.status = 'deactivated';
    state.activeByService.delete(serviceId);
    state.removedByService.set(serviceId, activationId);
    state.changes.removals++;
    record({ activationId, serviceId });
    return reply({ serviceId, activationId, status: 'removed', resources: a.resources });
  });

  sim.command('post', '/services/:serviceId/restore', 'restoreService', z.object({}), ({ state, params, record }) => {
    const serviceId = params.serviceId!;
    const current = state.activeByService.get(serviceId);
    if (current) return reply({ serviceId, activationId: current, status: 'active' });
    const activationId = state.removedByService.get(serviceId);
    if (!activationId) return unknown(serviceId);
    const no = rejected(state, [CHANGE_ACTIONS.restore]);
    if (no) return no;
    const a = state.activations.get(activationId)!;
    a.status = 'active';
    state.activeByService.set(serviceId, activationId);
    state.removedByService.delete(serviceId);
    state.changes.restorations++;
    record({ activationId, serviceId });
    return reply({ serviceId, activationId, status: 'active' });
  });

  return sim;
}
