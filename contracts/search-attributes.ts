// Custom search attributes that make orders and work orders findable in the Temporal UI, e.g.
//   LocalNetwork="dalian" AND OrderState="failed"
// Registered by `npm start` on the embedded server and by `npm run search-attributes` on a cluster.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const OrderIdKey = defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD);
export const CustomerIdKey = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const LocalNetworkKey = defineSearchAttributeKey('LocalNetwork', SearchAttributeType.KEYWORD);
export const ServiceLineKey = defineSearchAttributeKey('ServiceLine', SearchAttributeType.KEYWORD_LIST);
export const OrderStateKey = defineSearchAttributeKey('OrderState', SearchAttributeType.KEYWORD);
export const WorkOrderIdKey = defineSearchAttributeKey('WorkOrderId', SearchAttributeType.KEYWORD);
export const WorkOrderTypeKey = defineSearchAttributeKey('WorkOrderType', SearchAttributeType.KEYWORD);
export const WorkOrderStateKey = defineSearchAttributeKey('WorkOrderState', SearchAttributeType.KEYWORD);
export const DepartmentKey = defineSearchAttributeKey('Department', SearchAttributeType.KEYWORD_LIST);
export const EscalationLevelKey = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.KEYWORD);
export const PriorityKey = defineSearchAttributeKey('Priority', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [
  OrderIdKey,
  CustomerIdKey,
  LocalNetworkKey,
  ServiceLineKey,
  OrderStateKey,
  WorkOrderIdKey,
  WorkOrderTypeKey,
  WorkOrderStateKey,
  DepartmentKey,
  EscalationLevelKey,
  PriorityKey,
];
