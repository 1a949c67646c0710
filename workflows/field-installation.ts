// The field-installation step of order fulfilment, as the order workflow sees it: an electronic
// work order dispatched to the local network's installation department, run as a child work-order
// workflow that ends with the department's receipt.
import type { ServiceLine } from '../domain/catalog.js';
import type { CustomerTier } from '../domain/customer.js';
import { cityDepartmentId } from '../domain/departments.js';
import type { LocalNetworkId } from '../domain/local-networks.js';
import { workOrder, type WorkOrderInput } from './work-order.js';

export interface WorkOrderSettings {
  timeScale: number;
  autoCloseAfterMs: number;
  reopenWindowMs: number;
}

export interface FieldInstallationRequest {
  workOrderId: string;
  orderId: string;
  itemId: string;
  customerId: string;
  customerTier: string;
  localNetwork: string;
  serviceLine: ServiceLine;
  /** The template's kind of installation work, e.g. broadband_installation (for the description). */
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
    dispatchTo: [cityDepartmentId(r.localNetwork as LocalNetworkId, 'installation')],
    fieldInstallation: { orderId: r.orderId, itemId: r.itemId },
    ...r.settings,
  }),
};
