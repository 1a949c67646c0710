// The complaint category tree (GET /workOrderCategory) as the pages name a node: its path of names.
import type { components } from '../api/openapi.js';

type CategoryNode = components['schemas']['WorkOrderCategoryNode'];

/** The nodes from the top of the tree down to the node `id`, or undefined when it is not in the tree. */
export function categoryPath(nodes: readonly CategoryNode[], id: string): CategoryNode[] | undefined {
  for (const n of nodes) {
    if (n.id === id) return [n];
    const below = n.children ? categoryPath(n.children, id) : undefined;
    if (below) return [n, ...below];
  }
  return undefined;
}

/** A node's name as its path, top level first ("计费争议 / 话费 / 漫游"); undefined when the tree has no such node. */
export function categoryLabel(nodes: readonly CategoryNode[], id: string, lang: 'zh-CN' | 'en'): string | undefined {
  return categoryPath(nodes, id)
    ?.map((n) => n.name[lang])
    .join(' / ');
}
