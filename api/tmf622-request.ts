// A TMF622 v5 order request → the domain's order request: who the customer, the agent and the local
// network are (from the related parties, the billing account, the place or a declared extension),
// which items the fulfilment acts on, and how the domain's field names read in the v5 body.
import { ORDER_CHANNELS, type Characteristic, type OrderChannel, type OrderRequest, type OrderRequestItem } from '../domain/order.js';
import type { Customer } from '../domain/customer.js';
import type { ProductOffering } from '../domain/catalog.js';
import { LOCAL_NETWORK_IDS, type LocalNetworkId, type LocalNetworkRules } from '../domain/local-networks.js';
import type { FieldError } from './problem.js';
import { OWNER_ID_NUMBER_CHARACTERISTIC, REQUESTABLE_PRODUCT_STATUSES, type RequestableProductStatus } from '../domain/order-changes.js';
import { centsOf } from './tmf.js';
import { DEPOSIT_PAYMENT_TYPE, type ProductOrderV5Input } from './schemas/product-order-v5.js';

type Item = ProductOrderV5Input['productOrderItem'][number];

export interface V5Lookups {
  offerings: ReadonlyMap<string, ProductOffering>;
  localNetworks: ReadonlyMap<string, LocalNetworkRules>;
  /** The customer by id, if the caller may see it. */
  customer(id: string): Promise<Customer | undefined>;
  /** The owner of a billing account, if there is one. */
  accountOwner(accountId: string): Promise<string | undefined>;
  /** The channel when the request names none (an agent's credential: agent). */
  defaultChannel: OrderChannel;
}

export type V5Mapping = { ok: true; request: OrderRequest; customer: Customer; fieldOf: (domainField: string) => string } | { ok: false; errors: FieldError[] };

const roleIs = (role: string, wanted: string) => role.trim().toLowerCase() === wanted.toLowerCase();
const ITEM_FIELD = /^productOrderItem\[(\d+)\](.*)$/;

export async function toOrderRequest(body: ProductOrderV5Input, look: V5Lookups): Promise<V5Mapping> {
  const errors: FieldError[] = [];
  const err = (field: string, message: string, code: string) => errors.push({ field, message, code });
  const parties = body.relatedParty ?? [];
  const partyIndex = (role: string) => parties.findIndex((p) => roleIs(p.role, role));

  // The customer: the Customer party, or the owner of the billing account.
  const customerAt = partyIndex('customer');
  const accountField = body.billingAccount ? 'billingAccount.id' : undefined;
  const customerField = customerAt >= 0 ? `relatedParty[${customerAt}].partyOrPartyRole.id` : (accountField ?? 'relatedParty');
  let customerId = customerAt >= 0 ? parties[customerAt]!.partyOrPartyRole.id : undefined;
  if (customerId === undefined && body.billingAccount) {
    customerId = await look.accountOwner(body.billingAccount.id);
    if (!customerId) err(accountField!, `no billing account "${body.billingAccount.id}"`, 'UNKNOWN_BILLING_ACCOUNT');
  } else if (customerId === undefined) {
    err('relatedParty', 'name the customer: a related party with role "Customer" (or the order\'s billingAccount)', 'CUSTOMER_REQUIRED');
  }
  const customer = customerId ? await look.customer(customerId) : undefined;
  if (customerId && !customer && !errors.length) err(customerField, `no customer "${customerId}"`, 'CUSTOMER_NOT_FOUND');

  const agentAt = partyIndex('salesAgent');
  const agentId = agentAt >= 0 ? parties[agentAt]!.partyOrPartyRole.id : undefined;

  // The local network: a declared extension, the seller, the installation place, else the customer's home.
  const sellerAt = partyIndex('seller');
  const sellerId = sellerAt >= 0 ? parties[sellerAt]!.partyOrPartyRole.id : undefined;
  let localNetwork: LocalNetworkId | undefined = body.localNetwork;
  let localNetworkField = 'localNetwork';
  if (!localNetwork && sellerId !== undefined) {
    localNetworkField = `relatedParty[${sellerAt}].partyOrPartyRole.id`;
    if ((LOCAL_NETWORK_IDS as readonly string[]).includes(sellerId)) localNetwork = sellerId as LocalNetworkId;
    else err(localNetworkField, `the seller is one of our local networks (${LOCAL_NETWORK_IDS.join(', ')}), not "${sellerId}"`, 'UNKNOWN_SELLER');
  }
  if (!localNetwork && sellerId === undefined) {
    for (const [i, item] of body.productOrderItem.entries()) {
      const found = (item.product?.place ?? []).map((p, j) => ({ j, city: p.place.city })).find((p) => p.city);
      if (!found) continue;
      localNetworkField = `productOrderItem[${i}].product.place[${found.j}].place.city`;
      const byCity = [...look.localNetworks.values()].find((n) =>
        [n.id, n.name.toLowerCase(), n.nameZh].includes(found.city!.trim().toLowerCase().replace(/市$/, '')),
      );
      if (byCity) localNetwork = byCity.id;
      else err(localNetworkField, `"${found.city}" is not a city of our local networks`, 'UNKNOWN_CITY');
      break;
    }
  }
  if (!localNetwork && customer) localNetwork = customer.homeLocalNetwork;

  // The channel: ours by id.
  let channel = look.defaultChannel;
  const related = body.channel?.[0];
  if (related) {
    if ((ORDER_CHANNELS as readonly string[]).includes(related.channel.id)) channel = related.channel.id as OrderChannel;
    else err('channel[0].channel.id', `a channel is one of ${ORDER_CHANNELS.join(', ')}, not "${related.channel.id}"`, 'UNKNOWN_CHANNEL');
  }

  // Deposits paid at order entry (DepositPaymentRef amounts, in yuan).
  let depositPaidCents: number | undefined;
  const payments = [
    ...(body.payment ?? []).map((p, j) => ({ p, field: `payment[${j}]` })),
    ...body.productOrderItem.flatMap((it, i) => (it.payment ?? []).map((p, j) => ({ p, field: `productOrderItem[${i}].payment[${j}]` }))),
  ];
  for (const { p, field } of payments) {
    if (p['@type'] !== DEPOSIT_PAYMENT_TYPE || !p.amount) continue;
    const cents = centsOf(p.amount.value);
    if (p.amount.unit !== 'CNY') err(`${field}.amount.unit`, 'deposits are paid in CNY', 'INVALID_CURRENCY');
    else if (cents === undefined || cents < 0) err(`${field}.amount.value`, 'an amount of yuan with at most two decimals', 'INVALID_AMOUNT');
    else depositPaidCents = (depositPaidCents ?? 0) + cents;
  }

  // The items fulfilment acts on (noChange items only name what stays), and where their fields come from.
  const itemAt: number[] = [];
  const charAt: number[][] = [];
  const items: OrderRequestItem[] = [];
  let billingAccountId = body.billingAccount?.id;
  const offeringFields = new Map<number, string>();
  for (const [i, item] of body.productOrderItem.entries()) {
    if (item.billingAccount) {
      const owner = await look.accountOwner(item.billingAccount.id);
      if (!owner || (customer && owner !== customer.id)) {
        err(`productOrderItem[${i}].billingAccount.id`, `no billing account "${item.billingAccount.id}" of the customer`, 'UNKNOWN_BILLING_ACCOUNT');
      }
      if (billingAccountId && billingAccountId !== item.billingAccount.id) {
        err(`productOrderItem[${i}].billingAccount.id`, `one billing account per order (${billingAccountId} already)`, 'SEVERAL_BILLING_ACCOUNTS');
      }
      billingAccountId ??= item.billingAccount.id;
    }
    if (item.action === 'noChange') {
      if (!item.product?.id) err(`productOrderItem[${i}].product.id`, 'a noChange item names the existing product', 'PRODUCT_REQUIRED');
      continue;
    }
    // The offering: productOffering, or the product's specification (our offerings are the specifications too).
    const offeringId = item.productOffering?.id ?? item.product?.productSpecification?.id;
    const offeringField = item.productOffering ? `productOrderItem[${i}].productOffering.id` : `productOrderItem[${i}].product.productSpecification.id`;
    if (!offeringId) {
      err(`productOrderItem[${i}].productOffering`, `an item to ${item.action} names its product offering`, 'OFFERING_REQUIRED');
      continue;
    }
    const offering = look.offerings.get(offeringId);
    if (!offering) err(offeringField, `no product offering "${offeringId}"`, 'UNKNOWN_OFFERING');
    offeringFields.set(i, offeringField);
    const mapped = mapItem(item, i, offeringId, offering, err);
    itemAt.push(i);
    charAt.push(mapped.charIndexes);
    items.push(mapped.item);
  }
  if (!items.length && !errors.length) err('productOrderItem', 'every item is noChange: the order changes nothing', 'EMPTY_ORDER');
  if (errors.length || !customer || !localNetwork) return { ok: false, errors };

  const request: OrderRequest = {
    externalId: body.externalId?.[0] ? externalKey(body.externalId[0]) : undefined,
    customerId: customer.id,
    localNetwork,
    channel,
    agentId,
    note: body.note?.[0]?.text.slice(0, 500) ?? body.description,
    requestedStartDate: body.requestedStartDate,
    depositPaidCents,
    billingAccountId,
    productOrderItem: items,
  };
  const fieldOf = (field: string): string => {
    if (field === 'customerId') return customerField;
    if (field === 'localNetwork') return localNetworkField;
    if (field === 'agentId') return agentAt >= 0 ? `relatedParty[${agentAt}].partyOrPartyRole.id` : 'relatedParty';
    if (field === 'depositPaidCents') return 'payment';
    if (field === 'externalId') return 'externalId[0].id';
    if (field === 'billingAccountId') return body.billingAccount ? 'billingAccount.id' : (billingItemField(body) ?? 'billingAccount.id');
    const m = ITEM_FIELD.exec(field);
    if (!m) return field;
    const n = Number(m[1]);
    if (m[2] === '.productOffering.id') return offeringFields.get(itemAt[n] ?? n) ?? field;
    const rest = m[2]!.replace(/^\.product\.characteristic\[(\d+)\]/, (_, j: string) => `.product.productCharacteristic[${charAt[n]?.[Number(j)] ?? j}]`);
    const v5 = rest
      .replace(/^\.product\.characteristic$/, '.product.productCharacteristic')
      .replace(/^(\.product\.relatedParty\[\d+\])\.id$/, '$1.partyOrPartyRole.id');
    return `productOrderItem[${itemAt[n] ?? n}]${v5}`;
  };
  return { ok: true, request, customer, fieldOf };
}

/** externalId is unique per caller (the organisation, db side) + owner + id: the owner is part of the key. */
export const externalKey = (e: { id: string; owner?: string }) => (e.owner ? `${e.owner}/${e.id}` : e.id);

function billingItemField(body: ProductOrderV5Input): string | undefined {
  const i = body.productOrderItem.findIndex((it) => it.billingAccount);
  return i >= 0 ? `productOrderItem[${i}].billingAccount.id` : undefined;
}

/**
 * One item in the domain's words. Characteristics the offering defines go to the domain (and are
 * checked there); others are kept with the order as sent, as TMF clients send catalogue-wide ones. An
 * installation place becomes the installationAddress; modify with a new place is a move.
 */
function mapItem(
  item: Item,
  i: number,
  offeringId: string,
  offering: ProductOffering | undefined,
  err: (field: string, message: string, code: string) => void,
): { item: OrderRequestItem; charIndexes: number[] } {
  const defined = new Set((offering?.characteristics ?? []).map((c) => c.name));
  const charIndexes: number[] = [];
  const characteristic: Characteristic[] = [];
  (item.product?.productCharacteristic ?? []).forEach((c, k) => {
    // The new owner's ID number of an ownership transfer goes to the domain whatever the offering defines.
    if (offering && !defined.has(c.name) && !(c.name === OWNER_ID_NUMBER_CHARACTERISTIC && item.action === 'modify')) return;
    charIndexes.push(k);
    characteristic.push({ name: c.name, value: c.value as Characteristic['value'] });
  });
  const places = item.product?.place ?? [];
  let moved = false;
  places.forEach((rp, j) => {
    const field = `productOrderItem[${i}].product.place[${j}].place`;
    const address = addressOf(rp.place);
    if (!address) {
      if (rp.place.id) err(`${field}.id`, `no place "${rp.place.id}" is known here: send the address (GeographicAddress)`, 'UNKNOWN_PLACE');
      else err(field, 'a place needs its address (streetName, city, …) or a name', 'INVALID_PLACE');
      return;
    }
    if (defined.has('installationAddress') && !characteristic.some((c) => c.name === 'installationAddress')) {
      characteristic.push({ name: 'installationAddress', value: address });
    }
    moved = item.action === 'modify';
  });
  // A modify may ask for a product status (suspend, resume) or name a new owner (ownership transfer) and its account.
  let status: RequestableProductStatus | undefined;
  if (item.action === 'modify' && item.product?.status !== undefined) {
    const wanted = item.product.status.trim();
    if ((REQUESTABLE_PRODUCT_STATUSES as readonly string[]).includes(wanted)) status = wanted as RequestableProductStatus;
    else err(`productOrderItem[${i}].product.status`, `a modify asks for ${REQUESTABLE_PRODUCT_STATUSES.join(' or ')}, not "${wanted}"`, 'INVALID_STATUS');
  }
  const parties =
    item.action === 'modify' ? (item.product?.relatedParty ?? []).map((p) => ({ id: p.partyOrPartyRole.id, role: p.role.trim().toLowerCase() })) : [];
  const account = item.action === 'modify' ? item.product?.billingAccount?.id : undefined;
  return {
    item: {
      id: item.id,
      action: moved ? 'move' : (item.action as OrderRequestItem['action']),
      productOffering: { id: offeringId },
      quantity: item.quantity,
      product: {
        ...(item.product?.id ? { id: item.product.id } : {}),
        ...(characteristic.length ? { characteristic } : {}),
        ...(status ? { status } : {}),
        ...(parties.length ? { relatedParty: parties } : {}),
        ...(account ? { billingAccount: { id: account } } : {}),
      },
      // Every relationship, by its index (refusals name it); only dependsOn / reliesOn make the item wait (domain/order-dependencies.ts).
      ...(item.productOrderItemRelationship?.length
        ? { productOrderItemRelationship: item.productOrderItemRelationship.map((r) => ({ id: r.id, relationshipType: r.relationshipType })) }
        : {}),
    },
    charIndexes,
  };
}

/** A GeographicAddress as one line, the way a technician reads it (province, city, street, number). */
type PlaceInput = NonNullable<NonNullable<Item['product']>['place']>[number]['place'];

function addressOf(p: PlaceInput): string | undefined {
  const parts = [p.stateOrProvince, p.city, p.locality, p.streetName, p.streetType, p.streetNr, p.streetNrSuffix].filter((x) => x && x.trim());
  const line = parts.length ? parts.join(' ') : p.name;
  return line?.slice(0, 256);
}
