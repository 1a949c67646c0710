// The field-installation step of order fulfilment, as the order workflow raises it: an electronic
// work order (a child work-order workflow) routed by the routing rules to the department function
// the item's template names, unless a rule says otherwise. A receipt that says the installation was
// not done sends it back for another appointment, up to `installationAttempts`; the child ends with
// the last receipt, closed.
import type { CustomerTier } from '../domain/customer.js';
import type { LocalNetworkId } from '../domain/local-networks.js';
import type { FieldInstallationRequest, WorkOrderInput } from '../contracts/work-order.js';

export function fieldInstallationInput(r: FieldInstallationRequest): WorkOrderInput {
  return {
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
  };
}
