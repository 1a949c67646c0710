// Dependent items inside one order (issue 14, point 4): an item may depend on another item of the
// same order that provides the service it rides on — a data pack on the order's new mobile line, IPTV
// on its new broadband. The client says so with TMF622 productOrderItemRelationship (relationshipType
// dependsOn or reliesOn); the offering's template says what it may depend on (FulfilmentTemplate.dependsOn).
//
// Validation refuses a dependency on an item the order does not have, one the template does not
// declare, a cycle, and a new item that needs a service but neither names an existing one nor depends
// on an item of the order. In fulfilment a dependant starts once every item it depends on is in
// service (completed); when one of them fails or is cancelled, the dependant is not started.
import type { ProductOffering } from './catalog.js';

/** The TMF622 relationship types that make an item wait for another. Other types are not ours to act on. */
export const DEPENDENCY_RELATIONSHIP_TYPES = ['dependsOn', 'reliesOn'] as const;

export interface ItemRelationship {
  /** The id of another item of the same order. */
  id: string;
  relationshipType: string;
}

/** What the rules need of an order item. */
export interface DependentItem {
  id: string;
  action: string;
  productOffering: { id: string };
  product?: { characteristic?: ReadonlyArray<{ name: string; value: unknown }> };
  productOrderItemRelationship?: readonly ItemRelationship[];
}

export interface DependencyRefusal {
  code: 'DEPENDENCY_NOT_FOUND' | 'DEPENDENCY_NOT_ALLOWED' | 'DEPENDENCY_CYCLE' | 'DEPENDENCY_REQUIRED';
  field: string;
  message: string;
}

export const isDependency = (r: ItemRelationship): boolean => (DEPENDENCY_RELATIONSHIP_TYPES as readonly string[]).includes(r.relationshipType);

/** The ids of the items an item depends on, each once, in the order given. */
export function dependenciesOf(item: Pick<DependentItem, 'productOrderItemRelationship'>): string[] {
  return [...new Set((item.productOrderItemRelationship ?? []).filter(isDependency).map((r) => r.id))];
}

const relField = (i: number, j?: number) => `productOrderItem[${i}].productOrderItemRelationship${j === undefined ? '' : `[${j}].id`}`;

/** Every reason to refuse the order's dependencies; offerings the catalog does not know are left to the offering check. */
export function checkItemDependencies(items: readonly DependentItem[], offeringsById: ReadonlyMap<string, ProductOffering>): DependencyRefusal[] {
  const out: DependencyRefusal[] = [];
  const indexById = new Map(items.map((it, i) => [it.id, i]));
  const edges = new Map<string, string[]>();
  items.forEach((item, i) => {
    const offering = offeringsById.get(item.productOffering.id);
    const spec = offering?.template.dependsOn;
    const valid: string[] = [];
    (item.productOrderItemRelationship ?? []).forEach((rel, j) => {
      if (!isDependency(rel)) return;
      const target = indexById.get(rel.id);
      if (rel.id === item.id) {
        out.push({ code: 'DEPENDENCY_CYCLE', field: relField(i, j), message: `item ${item.id} cannot depend on itself` });
        return;
      }
      if (target === undefined) {
        out.push({
          code: 'DEPENDENCY_NOT_FOUND',
          field: relField(i, j),
          message: `item ${item.id} depends on item "${rel.id}", which the order does not have`,
        });
        return;
      }
      valid.push(rel.id);
      if (!offering) return;
      const other = items[target]!;
      const otherOffering = offeringsById.get(other.productOffering.id);
      if (!spec) {
        out.push({ code: 'DEPENDENCY_NOT_ALLOWED', field: relField(i, j), message: `${offering.id} depends on no other item (its template declares none)` });
      } else if (otherOffering && !spec.serviceLines.includes(otherOffering.serviceLine)) {
        const why = `${offering.id} may depend on an item of ${spec.serviceLines.join(' or ')}, not on item ${other.id} (${otherOffering.id}, ${otherOffering.serviceLine})`;
        out.push({ code: 'DEPENDENCY_NOT_ALLOWED', field: relField(i, j), message: why });
      } else if (other.action === 'delete') {
        out.push({
          code: 'DEPENDENCY_NOT_ALLOWED',
          field: relField(i, j),
          message: `item ${item.id} cannot depend on item ${other.id}, which disconnects its service`,
        });
      }
    });
    edges.set(item.id, valid);
    // A new item riding on a service must name an existing one or depend on the order's new one.
    if (spec?.unlessCharacteristic && item.action === 'add' && dependenciesOf(item).length === 0 && offering) {
      const named = item.product?.characteristic?.some((c) => c.name === spec.unlessCharacteristic && c.value !== '');
      if (!named) {
        out.push({
          code: 'DEPENDENCY_REQUIRED',
          field: relField(i),
          message:
            `${offering.id} rides on a ${spec.serviceLines.join(' or ')} service: name the existing one (characteristic ${spec.unlessCharacteristic}) ` +
            `or depend on the order's item that provides it (productOrderItemRelationship of type dependsOn)`,
        });
      }
    }
  });
  const cycle = findCycle(edges);
  if (cycle) {
    const first = items.findIndex((it) => it.id === cycle[0]);
    const j = (items[first]!.productOrderItemRelationship ?? []).findIndex((r) => isDependency(r) && r.id === cycle[1]);
    out.push({ code: 'DEPENDENCY_CYCLE', field: relField(first, j), message: `items ${cycle.join(' → ')} depend on each other: none could start` });
  }
  return out;
}

/** A cycle of the dependency graph as the ids along it (first repeated at the end), or undefined. */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      if (next === id) continue; // a self-dependency is refused on its own
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}

/** How a dependency's end stops its dependants; undefined while they may still start (or once it completed). */
export interface DependencyOutcome {
  itemId: string;
  state: string;
  error?: string;
}

/**
 * Whether an item may start now: 'wait' while an item it depends on is not final, 'start' once all
 * completed, or the reason it will never start (the first of them that failed or was cancelled).
 */
export function dependencyGate(
  dependsOn: readonly string[],
  items: readonly DependencyOutcome[],
): { go: 'wait' } | { go: 'start' } | { go: 'never'; reason: string; cancelled: boolean } {
  for (const id of dependsOn) {
    const other = items.find((i) => i.itemId === id);
    if (other && (other.state === 'failed' || other.state === 'cancelled')) {
      const what = other.state === 'failed' ? 'failed' : 'was cancelled';
      return { go: 'never', reason: `depends on item ${id}, which ${what}${other.error ? `: ${other.error}` : ''}`, cancelled: other.state === 'cancelled' };
    }
  }
  const allDone = dependsOn.every((id) => {
    const other = items.find((i) => i.itemId === id);
    return !other || other.state === 'completed';
  });
  return allDone ? { go: 'start' } : { go: 'wait' };
}
