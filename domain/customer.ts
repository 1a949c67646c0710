// Customers, accounts and subscriptions. One customer is one record whatever number of
// services it has: each service instance (a phone number, a broadband line) is a subscription.
import type { ServiceLine } from './catalog.js';
import type { LocalNetworkId } from './local-networks.js';

export const CUSTOMER_KINDS = ['individual', 'enterprise'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** Ordered from lowest to highest: tiers drive SLAs, routing, credit limits and discounts. */
export const CUSTOMER_TIERS = ['ordinary', 'silver', 'gold', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const CUSTOMER_STATUSES = ['active', 'suspended', 'closed'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export interface ContactInfo {
  phone?: string;
  email?: string;
}

export interface Customer {
  id: string;
  kind: CustomerKind;
  name: string;
  tier: CustomerTier;
  homeLocalNetwork: LocalNetworkId;
  status: CustomerStatus;
  /** Resident identity card number (individuals) or business licence number (enterprises). */
  idNumber?: string;
  contact: ContactInfo;
}

export const ACCOUNT_STATUSES = ['active', 'suspended', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export type PaymentMethod = 'cash' | 'bank_debit' | 'prepaid';

/** A billing account: an enterprise may split its services across several (per department). */
export interface Account {
  id: string;
  customerId: string;
  name: string;
  localNetwork: LocalNetworkId;
  paymentMethod: PaymentMethod;
  status: AccountStatus;
}

export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'suspended', 'terminated'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface Subscription {
  id: string;
  customerId: string;
  accountId: string;
  offeringId: string;
  serviceLine: ServiceLine;
  /** The service's identity on the network: the phone number, or the broadband line id. */
  serviceId: string;
  status: SubscriptionStatus;
  localNetwork: LocalNetworkId;
  /** ISO date the service was activated. */
  activatedAt?: string;
}
