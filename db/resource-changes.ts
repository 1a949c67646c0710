// The transactional outbox of event notifications: every read-model writer appends the change it
// made, in its own transaction, so an event exists exactly when the read model changed (no event for
// a rolled-back write, no write without its event). The facts are generic — which resource, created
// or updated, its source data before and after; what TMF events they make is decided when they are
// delivered (events/), with the v5 presenters of that moment.
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { WorkOrderSnapshot } from '../domain/work-order.js';
import type { CancelRequestRow } from './cancel-requests.js';
import type { OrderRow } from './orders.js';

/** The source data each kind of resource is recorded with. */
export interface ResourceSources {
  productOrder: OrderRow;
  cancelProductOrder: CancelRequestRow;
  troubleTicket: WorkOrderSnapshot;
}
export type ResourceType = keyof ResourceSources;

/** The API whose hub publishes a resource's events. */
export const API_OF: Record<ResourceType, 'TMF622' | 'TMF621'> = {
  productOrder: 'TMF622',
  cancelProductOrder: 'TMF622',
  troubleTicket: 'TMF621',
};

export interface ResourceChange<T extends ResourceType = ResourceType> {
  resourceType: T;
  resourceId: string;
  change: 'create' | 'update';
  /** The source data before this write (absent for a create). */
  previous?: ResourceSources[T];
  current: ResourceSources[T];
}

/** The channel the deliverers LISTEN on: notified at commit, so a change is sent without waiting for a poll. */
export const RESOURCE_CHANGE_CHANNEL = 'resource_change';

// The outbox row's columns and its notification, shared by both forms of the append below.
const APPEND = 'insert into resource_change (api, resource_type, resource_id, change, previous, current)';
const NOTIFY = "returning pg_notify(?, '')";

/**
 * Appends a change to the outbox. Must be called with the writer's transactional EntityManager (the
 * `tx` of em.transactional), after the row lock or the insert that orders writes of the resource:
 * changes of one resource then get increasing ids in the order they were committed.
 */
export async function appendResourceChange<T extends ResourceType>(em: EntityManager, c: ResourceChange<T>): Promise<void> {
  if (!em.isInTransaction()) throw new Error('appendResourceChange runs inside the transaction that writes the read model');
  // The row and its notification in one statement: one round trip on every write of the read model.
  await em
    .getConnection()
    .execute(
      `with appended as (${APPEND} values (?, ?, ?, ?, ?::jsonb, ?::jsonb) ${NOTIFY}) select 1 from appended`,
      [
        API_OF[c.resourceType],
        c.resourceType,
        c.resourceId,
        c.change,
        c.previous === undefined ? null : JSON.stringify(c.previous),
        JSON.stringify(c.current),
        RESOURCE_CHANGE_CHANNEL,
      ],
      'all',
      em.getTransactionContext(),
    );
}

/**
 * The same append as a CTE (`appended as (…)`) of the writer's own statement, for a writer whose row
 * and outbox row go in one statement and so one commit: it reads the resource's row from the CTE that
 * `from.current` names (and, for an update, the row before from `from.previous`; no row there, nothing
 * appended — a write that changed nothing has no event). `params` go where the fragment stands among
 * the statement's placeholders.
 */
export function appendedCte(resourceType: ResourceType, from: { current: string; previous?: string }): { sql: string; params: unknown[] } {
  const { current, previous } = from;
  const sources = previous ? `${current}, ${previous}` : current;
  return {
    sql: `appended as (${APPEND}
            select ?, ?, ${current}.id, ?, ${previous ? `to_jsonb(${previous})` : 'null'}, to_jsonb(${current}) from ${sources}
            ${NOTIFY})`,
    params: [API_OF[resourceType], resourceType, previous ? 'update' : 'create', RESOURCE_CHANGE_CHANNEL],
  };
}

/**
 * A LISTEN on the change channel over a connection of its own, reconnecting every second after a
 * database restart. `onChange` runs on each committed change, and once per (re)connection: for what was
 * committed while nobody listened.
 */
export class ResourceChangeListener {
  private client?: pg.Client;
  private stopped = false;
  private readonly running: Promise<void>;

  constructor(
    databaseUrl: string,
    private readonly onChange: () => void,
    private readonly onUnreachable: (err: unknown) => void = () => {},
  ) {
    this.running = this.loop(databaseUrl);
  }

  private async loop(databaseUrl: string): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({ connectionString: databaseUrl });
      const lost = new Promise<void>((done) => {
        client.on('error', () => done());
        client.on('end', () => done());
      });
      client.on('notification', () => this.onChange());
      try {
        await client.connect();
        await client.query(`listen ${RESOURCE_CHANGE_CHANNEL}`);
        this.client = client;
        if (this.stopped) break;
        this.onChange();
        await lost;
      } catch (err) {
        this.onUnreachable(err);
      } finally {
        this.client = undefined;
        await client.end().catch(() => {});
      }
      if (!this.stopped) await new Promise((done) => setTimeout(done, 1000));
    }
  }

  /** Ends the connection; resolves once the loop has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => {});
    await this.running;
  }
}
