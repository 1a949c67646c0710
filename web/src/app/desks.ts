// Which desk each person works at: the first desk one of their roles opens. Desks not built yet say so.
import type { components } from '../api/openapi.js';

type SessionUser = components['schemas']['SessionUser'];

export const DEPARTMENT_DESK = '/department';
export const CALL_CENTRE_DESK = '/call-centre';
export const SUPERVISOR_BOARD = '/supervisor';
export const ORDER_DESK = '/orders';
export const AUDIT_DESK = '/audit';
export const SYSTEM_PAGE = '/system';
export const REPORTS_PAGE = '/reports';

/** The desks a person may open, in the order they are offered (the first is where they land). */
export function desksOf(user: SessionUser): string[] {
  const has = (role: string) => user.roles.includes(role as SessionUser['roles'][number]);
  const desks: string[] = [];
  if (has('department') && user.department) desks.push(DEPARTMENT_DESK);
  // Account managers work at the call-centre desk on their own customers (desks/call-centre/account-manager.ts).
  if (has('call-centre') || has('account-manager')) desks.push(CALL_CENTRE_DESK);
  if (has('supervisor')) desks.push(SUPERVISOR_BOARD);
  if (has('order-entry') || has('agent')) desks.push(ORDER_DESK);
  if (has('auditor')) desks.push(AUDIT_DESK);
  if (has('ops')) desks.push(SYSTEM_PAGE);
  // The daily reports: supervisors, departments (their heads read their own figures), auditors, operations.
  if (has('supervisor') || (has('department') && user.department) || has('auditor') || has('ops')) desks.push(REPORTS_PAGE);
  return desks;
}

/** Where a person lands after signing in. */
export function homeOf(user: SessionUser): string {
  return desksOf(user)[0] ?? '/not-yet';
}
