// The field-installation step of order fulfilment, as the order workflow sees it: an electronic
// work order routed by the routing rules (to the department function the item's template names,
// unless a rule says otherwise), run as a child work-order workflow. A receipt that says the
// installation was not done sends it back for another appointment, up to `installationAttempts`;
// the child ends with the last receipt, closed.
import type { ServiceLine } from '../domain/catalog.js';
import type { CustomerTier } from '../domain/customer.js';
import type { LocalNetworkId } from '../domain/local-networks.js';
import { workOrder, type WorkOrderInput } from './work-order.js';

export interface WorkOrderSettings {
  timeScale: number;
  autoCloseAfterMs: number;
  reopenWindowMs: number;
  /** Appointments a field installation gets before the order fails (absent in older runs: 3). */
  installationAttempts?: number;
}

export interface FieldInstallationRequest {
  workOrderId: string;
  orderId: string;
  itemId: string;
  customerId: string;
  customerTier: string;
  localNetwork: string;
  serviceLine: ServiceLine;
  /** The template's installation department function, e.g. installation or enterprise-service. */
  installationDepartment?: string;
  serviceId: string;
  settings: WorkOrderSettings;
}

export interface FieldInstallationResult {
  installed?: boolean;
  reason?: string;
}

export const fieldInstallationChild = {
  workflow: workOrder,
  input: (r: FieldInstallationRequest): WorkOrderInput => ({
    order: {
      id: r.workOrderId,
      type: 'service_request',
      channel: 'system',
      priority: 'medium',
      customer: { id: r.customerId, tier: r.customerTier as CustomerTier },
      takenInLocalNetwork: r.localNetwork as LocalNetworkId,
      homeLocalNetwork: r.localNetwork as LocalNetworkId,
      serviceLine: r.serviceLine,
      description: `Field installation (${r.installationDepartment ?? 'installation'}) for order ${r.orderId}, item ${r.itemId}, service ${r.serviceId}`,
      relatedOrderId: r.orderId,
      subscriptionId: r.serviceId,
    },
    createdBy: { id: 'order-fulfilment', role: 'system' },
    fieldInstallation: { orderId: r.orderId, itemId: r.itemId, installationDepartment: r.installationDepartment },
    ...r.settings,
  }),
};
