// Workflow history ⇄ the standard Temporal JSON history format (what the Temporal UI downloads and
// `temporal workflow show --output json` prints): the SDK's own conversion. It needs a single copy
// of protobufjs 8, which is why package.json names protobufjs directly (otherwise npm nests one
// copy under @temporalio/common and another under @temporalio/proto, and the conversion throws
// "type must be a Type").
export { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils.js';
