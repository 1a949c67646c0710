// Workflow history ⇄ the standard Temporal JSON history format (proto3 JSON: what the Temporal UI
// downloads and `temporal workflow show --output json` prints).
//
// Why not the SDK's historyToJSON / historyFromJSON (@temporalio/common/lib/proto-utils)? In this
// install they throw "type must be a Type": @temporalio/common and @temporalio/proto each get their
// own copy of protobufjs 8 (npm cannot hoist it, @grpc/proto-loader holds protobufjs 7 at the top),
// and protojson's `instanceof Type` check fails across the two copies. Here protojson is loaded from
// the copy @temporalio/proto's types were built with, whatever the layout — through import(), so the
// test runner's module loader (Jest) and Node's own agree on which copy that is.
//
// The output is what the SDK's historyToJSON writes, and its files are read by historyFromJSON and
// Worker.runReplayHistory wherever those work. Older files with short enum names (e.g. eventType
// "WorkflowExecutionStarted", as old UIs wrote them) are read too.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';

export type { History };

interface ReflectedType {
  fromObject(o: unknown): unknown;
}
interface ProtoJson {
  toJson(type: ReflectedType, message: unknown): unknown;
  fromJson(type: ReflectedType, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

const require = createRequire(import.meta.url);
const protoMain = require.resolve('@temporalio/proto');
const protojsonPath = require.resolve('protobufjs/ext/protojson', { paths: [dirname(protoMain)] });
const defaultOf = <T>(m: { default?: T }): T => (m.default ?? m) as T;
const protojson = defaultOf<ProtoJson>(await import(pathToFileURL(protojsonPath).href));
const root = defaultOf<{ lookupType(name: string): ReflectedType }>(await import(pathToFileURL(protoMain).href));
const historyType = root.lookupType('temporal.api.history.v1.History');

/** A history (as fetchHistory returns it) as pretty-printed proto3 JSON. */
export function historyToJSON(history: History): string {
  return JSON.stringify(protojson.toJson(historyType, historyType.fromObject(history)), null, 2);
}

/** A parsed JSON history file as a History, ready for Worker.runReplayHistories. */
export function historyFromJSON(json: unknown): History {
  const events = (json as { events?: unknown })?.events;
  if (!Array.isArray(events)) throw new TypeError('not a workflow history: expected an object with an array of "events"');
  const history = protojson.fromJson(historyType, { events: events.map(normaliseEvent) }, { ignoreUnknownFields: true }) as History | null;
  if (!history?.events?.length) throw new TypeError('not a workflow history: no events');
  return history;
}

// ---- old-style enum names -------------------------------------------------------------------------

/** WorkflowExecutionStarted → EVENT_TYPE_WORKFLOW_EXECUTION_STARTED (names already prefixed pass through). */
function enumName(value: unknown, prefix: string): unknown {
  if (typeof value !== 'string' || value.startsWith(`${prefix}_`)) return value;
  return `${prefix}_${value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

function fixEnums(o: Record<string, unknown>, fields: Record<string, string>): Record<string, unknown> {
  const out = { ...o };
  for (const [field, prefix] of Object.entries(fields)) if (field in out) out[field] = enumName(out[field], prefix);
  return out;
}

function normaliseEvent(e: unknown): unknown {
  if (!e || typeof e !== 'object') throw new TypeError('not a workflow history: an event is not an object');
  const event = fixEnums(e as Record<string, unknown>, { eventType: 'EVENT_TYPE' });
  const key = Object.keys(event).find((k) => k.endsWith('EventAttributes'));
  if (!key) throw new TypeError(`not a workflow history: event ${String(event.eventId)} has no attributes`);
  const attrs = fixEnums(event[key] as Record<string, unknown>, {
    parentClosePolicy: 'PARENT_CLOSE_POLICY',
    workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY',
    initiator: 'CONTINUE_AS_NEW_INITIATOR',
    retryState: 'RETRY_STATE',
  });
  const taskQueue = attrs.taskQueue as Record<string, unknown> | undefined;
  if (taskQueue && typeof taskQueue === 'object') attrs.taskQueue = fixEnums(taskQueue, { kind: 'TASK_QUEUE_KIND' });
  const childFailure = attrs.childWorkflowExecutionFailureInfo as Record<string, unknown> | undefined;
  if (childFailure && typeof childFailure === 'object') attrs.childWorkflowExecutionFailureInfo = fixEnums(childFailure, { retryState: 'RETRY_STATE' });
  return { ...event, [key]: attrs };
}
