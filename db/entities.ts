// MikroORM entities of the read model (see migrations/ for the schema they map).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.uuid().primary(),
    name: p.string(),
    keyHash: p.string().unique(),
    principal: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;

export const LocalNetworkRow = defineEntity({
  name: 'LocalNetworkRow',
  tableName: 'local_network',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    nameZh: p.string(),
    rules: p.json<Record<string, unknown>>(),
  },
});

export const ProductOfferingRow = defineEntity({
  name: 'ProductOfferingRow',
  tableName: 'product_offering',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    serviceLine: p.string(),
    lifecycle: p.string(),
    template: p.json<Record<string, unknown>>(),
    data: p.json<Record<string, unknown>>(),
  },
});

export const PricingPolicyRow = defineEntity({
  name: 'PricingPolicyRow',
  tableName: 'pricing_policy',
  properties: {
    id: p.string().primary(),
    kind: p.string(),
    localNetwork: p.string().nullable(),
    validFrom: p.datetime(),
    validTo: p.datetime().nullable(),
    data: p.json<Record<string, unknown>>(),
  },
});

export const AgentRow = defineEntity({
  name: 'AgentRow',
  tableName: 'agent',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    contract: p.json<Record<string, unknown>>(),
  },
});

export const CustomerRow = defineEntity({
  name: 'CustomerRow',
  tableName: 'customer',
  properties: {
    id: p.string().primary(),
    kind: p.string(),
    name: p.string(),
    tier: p.string(),
    homeLocalNetwork: p.string(),
    status: p.string(),
    data: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export const AccountRow = defineEntity({
  name: 'AccountRow',
  tableName: 'account',
  properties: {
    id: p.string().primary(),
    customerId: p.string(),
    name: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export const SubscriptionRow = defineEntity({
  name: 'SubscriptionRow',
  tableName: 'subscription',
  properties: {
    id: p.string().primary(),
    customerId: p.string(),
    accountId: p.string(),
    offeringId: p.string(),
    serviceLine: p.string(),
    serviceId: p.string(),
    localNetwork: p.string(),
    status: p.string(),
    orderId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export const ProductOrderRow = defineEntity({
  name: 'ProductOrderRow',
  tableName: 'product_order',
  properties: {
    id: p.string().primary(),
    externalId: p.string().nullable(),
    /** The caller's organisation: externalId is unique per owner. */
    externalOwner: p.string().nullable(),
    idempotencyKey: p.string().nullable(),
    /** Fingerprint of the creating request: a repeat with another body is refused. */
    requestHash: p.string().nullable(),
    customerId: p.string(),
    localNetwork: p.string(),
    channel: p.string(),
    agentId: p.string().nullable(),
    state: p.string(),
    stateReason: p.string().nullable(),
    serviceLines: p.array<string>(),
    items: p.json<unknown[]>(),
    quote: p.json<Record<string, unknown>>().nullable(),
    request: p.json<Record<string, unknown>>(),
    createdBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
    seq: p.integer().default(0),
  },
});

export const ALL_ENTITIES = [
  ApiKey,
  LocalNetworkRow,
  ProductOfferingRow,
  PricingPolicyRow,
  AgentRow,
  CustomerRow,
  AccountRow,
  SubscriptionRow,
  ProductOrderRow,
];
