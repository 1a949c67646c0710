// Migrations are listed here, not discovered from files, so they run the same under tsx, jest
// and a compiled build.
import { Migration001Initial } from './001-initial.js';
import { Migration002WorkOrders } from './002-work-orders.js';
import { Migration003RequestKeysAndInstallations } from './003-request-keys-and-installations.js';

export const migrationsList = [
  { name: '001-initial', class: Migration001Initial },
  { name: '002-work-orders', class: Migration002WorkOrders },
  { name: '003-request-keys-and-installations', class: Migration003RequestKeysAndInstallations },
];
