// `npm run search-attributes`: registers the project's custom search attributes on the Temporal
// cluster in TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE (npm start does it for its embedded server).
// Idempotent: attributes already there are left alone; one there with another type is reported.
import proto from '@temporalio/proto';
import { SearchAttributeType } from '@temporalio/common';
import { loadConfig } from '../platform/config.js';
import { exitOnConfigError } from '../platform/process.js';

// A CommonJS module: its namespace comes as the default export under ESM.
const { temporal } = proto;
type IndexedValueType = (typeof temporal.api.enums.v1.IndexedValueType)[keyof typeof temporal.api.enums.v1.IndexedValueType];
import { connectClient } from '../platform/temporal.js';
import { ALL_SEARCH_ATTRIBUTES } from '../contracts/search-attributes.js';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const TYPES: Record<string, IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

const config = exitOnConfigError(loadConfig);
if (!config.TEMPORAL_ADDRESS) {
  process.stderr.write('set TEMPORAL_ADDRESS to the cluster (npm start registers them on its embedded server itself)\n');
  process.exit(2);
}
const client = await connectClient(config);
const namespace = config.TEMPORAL_NAMESPACE;
const existing = (await client.connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
const missing: Record<string, IndexedValueType> = {};
let conflicts = 0;
for (const key of ALL_SEARCH_ATTRIBUTES) {
  const want = TYPES[key.type]!;
  const have = existing[key.name];
  if (have === undefined) missing[key.name] = want;
  else if (have !== want) {
    conflicts += 1;
    process.stderr.write(`${key.name} exists with another type (${IndexedValueType[have]}, want ${IndexedValueType[want]})\n`);
  }
}
if (Object.keys(missing).length) await client.connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
process.stdout.write(`registered: ${Object.keys(missing).join(', ') || 'none (all present)'}\n`);
await client.connection.close();
process.exit(conflicts ? 1 : 0);
