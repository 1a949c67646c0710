// Offering lifecycle (draft → active → retired) in the catalog table and its history: a change is
// made under a row lock on the offering, so two administrators at once cannot both move it, and each
// change is a history row (who, when, from, to, why). The history's largest id is the catalog's
// version (db/reference.ts compares it before using the offerings it holds in memory).
import type { EntityManager } from '@mikro-orm/postgresql';
import { canChangeLifecycle, type OfferingLifecycle, type ProductOffering } from '../domain/catalog.js';
import { isoOf } from './time.js';
import { executorOf } from './transaction.js';

export interface LifecycleChange {
  id: number;
  offeringId: string;
  fromStatus: OfferingLifecycle;
  toStatus: OfferingLifecycle;
  reason?: string;
  changedBy: { id: string; name?: string };
  changedAt: string;
}

interface ChangeRow {
  id: string | number;
  offering_id: string;
  from_status: OfferingLifecycle;
  to_status: OfferingLifecycle;
  reason: string | null;
  changed_by: string;
  changed_by_name: string | null;
  changed_at: Date | string;
}

const CHANGE_COLUMNS = 'id, offering_id, from_status, to_status, reason, changed_by, changed_by_name, changed_at';

function changeOf(r: ChangeRow): LifecycleChange {
  return {
    id: Number(r.id),
    offeringId: r.offering_id,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    ...(r.reason ? { reason: r.reason } : {}),
    changedBy: { id: r.changed_by, ...(r.changed_by_name ? { name: r.changed_by_name } : {}) },
    changedAt: isoOf(r.changed_at)!,
  };
}

/** The catalog's version: the last lifecycle change's id (0 before any). One index-only lookup. */
export async function catalogVersion(em: EntityManager): Promise<number> {
  const [row] = (await em.getConnection().execute('select coalesce(max(id), 0)::text as v from offering_lifecycle_change')) as Array<{ v: string }>;
  return Number(row?.v ?? 0);
}

/** Every offering as stored, its lifecycle from the column (the one a change writes). */
export async function loadOfferings(em: EntityManager): Promise<ProductOffering[]> {
  const rows = (await em.getConnection().execute('select data, lifecycle from product_offering')) as Array<{
    data: ProductOffering;
    lifecycle: OfferingLifecycle;
  }>;
  return rows.map((r) => ({ ...r.data, lifecycle: r.lifecycle }));
}

export type LifecycleChangeResult =
  | { ok: true; changed: true; change: LifecycleChange }
  | { ok: true; changed: false; lifecycle: OfferingLifecycle }
  | { ok: false; code: 'NOT_FOUND' | 'INVALID_TRANSITION'; from?: OfferingLifecycle; message: string };

/** Moves an offering to `to`, recording who and why; asking for the state it is in changes (and records) nothing. */
export async function changeOfferingLifecycle(
  em: EntityManager,
  c: { offeringId: string; to: OfferingLifecycle; reason?: string; by: { id: string; name?: string } },
): Promise<LifecycleChangeResult> {
  return em.transactional(async (tx) => {
    const x = executorOf(tx);
    const [row] = (await x.execute('select lifecycle from product_offering where id = ? for update', [c.offeringId])) as Array<{
      lifecycle: OfferingLifecycle;
    }>;
    if (!row) return { ok: false, code: 'NOT_FOUND', message: `no product offering "${c.offeringId}"` };
    const from = row.lifecycle;
    if (from === c.to) return { ok: true, changed: false, lifecycle: from };
    if (!canChangeLifecycle(from, c.to)) {
      return { ok: false, code: 'INVALID_TRANSITION', from, message: `${c.offeringId} is ${from}; it cannot become ${c.to}` };
    }
    await x.execute(`update product_offering set lifecycle = ?, data = jsonb_set(data, '{lifecycle}', to_jsonb(?::text)) where id = ?`, [
      c.to,
      c.to,
      c.offeringId,
    ]);
    const [inserted] = (await x.execute(
      `insert into offering_lifecycle_change (offering_id, from_status, to_status, reason, changed_by, changed_by_name)
       values (?, ?, ?, ?, ?, ?) returning ${CHANGE_COLUMNS}`,
      [c.offeringId, from, c.to, c.reason ?? null, c.by.id, c.by.name ?? null],
    )) as ChangeRow[];
    return { ok: true, changed: true, change: changeOf(inserted!) };
  });
}

/** An offering's lifecycle changes, oldest first. */
export async function lifecycleHistory(em: EntityManager, offeringId: string): Promise<LifecycleChange[]> {
  const rows = (await em
    .getConnection()
    .execute(`select ${CHANGE_COLUMNS} from offering_lifecycle_change where offering_id = ? order by id`, [offeringId])) as ChangeRow[];
  return rows.map(changeOf);
}

/** The last lifecycle change of each offering that has one. */
export async function lastLifecycleChanges(em: EntityManager): Promise<Map<string, LifecycleChange>> {
  const rows = (await em
    .getConnection()
    .execute(`select distinct on (offering_id) ${CHANGE_COLUMNS} from offering_lifecycle_change order by offering_id, id desc`)) as ChangeRow[];
  return new Map(rows.map((r) => [r.offering_id, changeOf(r)]));
}

/**
 * The lifecycle each offering had at an instant (an order's acceptance): the state the last change
 * before it led to, else the state the first change after it left, else the current one.
 */
export async function lifecyclesAt(em: EntityManager, offeringIds: readonly string[], at: Date): Promise<Map<string, OfferingLifecycle>> {
  if (offeringIds.length === 0) return new Map();
  const iso = at.toISOString();
  const rows = (await em.getConnection().execute(
    `select o.id,
            coalesce(
              (select c.to_status from offering_lifecycle_change c where c.offering_id = o.id and c.changed_at <= ? order by c.id desc limit 1),
              (select c.from_status from offering_lifecycle_change c where c.offering_id = o.id and c.changed_at > ? order by c.id limit 1),
              o.lifecycle) as lifecycle
       from product_offering o where o.id = any(?::text[])`,
    [iso, iso, `{${[...new Set(offeringIds)].join(',')}}`],
  )) as Array<{ id: string; lifecycle: OfferingLifecycle }>;
  return new Map(rows.map((r) => [r.id, r.lifecycle]));
}
