// Migrations are listed here, not discovered from files, so they run the same under tsx, jest
// and a compiled build.
import { Migration001Initial } from './001-initial.js';
import { Migration002WorkOrders } from './002-work-orders.js';
import { Migration003RequestKeysAndInstallations } from './003-request-keys-and-installations.js';
import { Migration004EventHub } from './004-event-hub.js';
import { Migration005TmfV5Orders } from './005-tmf-v5-orders.js';
import { Migration006StaffAccounts } from './006-staff-accounts.js';
import { Migration007StaffSessions } from './007-staff-sessions.js';
import { Migration008CustomerSearch } from './008-customer-search.js';
import { Migration009SupervisorBoard } from './009-supervisor-board.js';
import { Migration010WorklistTakenBy } from './010-worklist-taken-by.js';
import { Migration011WorklistNewest } from './011-worklist-newest.js';
import { Migration012OfferingLifecycle } from './012-offering-lifecycle.js';
import { Migration013EnterpriseGroups } from './013-enterprise-groups.js';
import { Migration014ItemDependencies } from './014-item-dependencies.js';
import { Migration015Dunning } from './015-dunning.js';
import { Migration020NationalCentre } from './020-national-centre.js';
import { Migration019CallbacksAndQualityChecks } from './019-callbacks-and-quality-checks.js';
import { Migration016HolidayCalendars } from './016-holiday-calendars.js';
import { Migration017WorkOrderCategory } from './017-work-order-category.js';
import { Migration018UrgingAndSupervision } from './018-urging-and-supervision.js';

export const migrationsList = [
  { name: '001-initial', class: Migration001Initial },
  { name: '002-work-orders', class: Migration002WorkOrders },
  { name: '003-request-keys-and-installations', class: Migration003RequestKeysAndInstallations },
  { name: '004-event-hub', class: Migration004EventHub },
  { name: '005-tmf-v5-orders', class: Migration005TmfV5Orders },
  { name: '006-staff-accounts', class: Migration006StaffAccounts },
  { name: '007-staff-sessions', class: Migration007StaffSessions },
  { name: '008-customer-search', class: Migration008CustomerSearch },
  { name: '009-supervisor-board', class: Migration009SupervisorBoard },
  { name: '010-worklist-taken-by', class: Migration010WorklistTakenBy },
  { name: '011-worklist-newest', class: Migration011WorklistNewest },
  { name: '012-offering-lifecycle', class: Migration012OfferingLifecycle },
  { name: '013-enterprise-groups', class: Migration013EnterpriseGroups },
  { name: '014-item-dependencies', class: Migration014ItemDependencies },
  { name: '015-dunning', class: Migration015Dunning },
  { name: '016-holiday-calendars', class: Migration016HolidayCalendars },
  { name: '017-work-order-category', class: Migration017WorkOrderCategory },
  { name: '018-urging-and-supervision', class: Migration018UrgingAndSupervision },
  { name: '019-callbacks-and-quality-checks', class: Migration019CallbacksAndQualityChecks },
  { name: '020-national-centre', class: Migration020NationalCentre },
];
