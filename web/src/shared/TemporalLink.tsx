// A link to a workflow in the Temporal Web UI (GET /system/links: the configured TEMPORAL_UI_URL and
// namespace, and the workflow id of an order or a work order), opening in a new tab. Shown to everyone
// who sees the order or work order: the link only carries the id the page already shows, and the
// Temporal UI decides with its own access control who may look.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n';

type Target = { kind: 'order' | 'workOrder'; id: string } | { kind: 'workflow'; workflowId: string };

/** The UI's address of a workflow, from the links the API gives. */
export function temporalHref(links: { url: string; namespace: string; orderWorkflow: string; workOrderWorkflow: string }, target: Target): string {
  if (target.kind === 'workflow') return `${links.url}/namespaces/${encodeURIComponent(links.namespace)}/workflows/${encodeURIComponent(target.workflowId)}`;
  const template = target.kind === 'order' ? links.orderWorkflow : links.workOrderWorkflow;
  return template.replace('{id}', encodeURIComponent(target.id));
}

export function useTemporalLinks() {
  return useQuery({ queryKey: ['system', 'links'], staleTime: Infinity, queryFn: () => unwrap(api.GET('/system/links')) });
}

export function TemporalLink(props: Target & { label?: string }) {
  const { t } = useI18n();
  const links = useTemporalLinks();
  if (!links.data) return null;
  return (
    <a className="temporal-link" href={temporalHref(links.data.temporalUi, props)} target="_blank" rel="noopener noreferrer" data-testid="temporal-link">
      {props.label ?? t('system.temporalLink')}
      <span className="visually-hidden">{t('system.temporalLink.newTab')}</span>
    </a>
  );
}
