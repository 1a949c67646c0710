// The values the API takes for its enumerations, as lists for the forms and filters. Each list is an
// object with one key per member of the API's own union type (from openapi.d.ts), so a value added to
// or dropped from the API fails the type check here instead of going missing from a form.
import type { paths } from '../api/openapi';
import type { Schemas } from '../api/client';

type WorklistQuery = NonNullable<paths['/department/{department}/worklist']['get']['parameters']['query']>;
export type WorkOrderEvent = paths['/troubleTicket/{id}/event']['post']['requestBody']['content']['application/json'];
export type DeskAction = NonNullable<Schemas['TroubleTicket']['allowedActions']>[number];
export type WorkOrderType = NonNullable<WorklistQuery['type']>;
export type LocalNetwork = NonNullable<WorklistQuery['localNetwork']>;
export type Tier = NonNullable<WorklistQuery['tier']>;
export type WorklistSort = NonNullable<WorklistQuery['sort']>;
export type ReceiptResult = Extract<WorkOrderEvent, { type: 'receipt' }>['result'];

const valuesOf = <T extends string>(all: Record<T, true>): T[] => Object.keys(all) as T[];

export const WORKLIST_SORTS = valuesOf<WorklistSort>({ deadline: true, newest: true });
export const WORK_ORDER_TYPES = valuesOf<WorkOrderType>({ complaint: true, fault_report: true, inquiry: true, service_request: true, suggestion: true });
export const LOCAL_NETWORKS = valuesOf<LocalNetwork>({
  shenyang: true,
  dalian: true,
  anshan: true,
  fushun: true,
  benxi: true,
  dandong: true,
  jinzhou: true,
  yingkou: true,
  fuxin: true,
  liaoyang: true,
  panjin: true,
  tieling: true,
  chaoyang: true,
  huludao: true,
});
export const TIERS = valuesOf<Tier>({ ordinary: true, silver: true, gold: true, vip: true });
export const RECEIPT_RESULTS = valuesOf<ReceiptResult>({ resolved: true, partially_resolved: true, unresolved: true, no_fault_found: true });
