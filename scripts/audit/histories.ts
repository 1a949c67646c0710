// Workflow histories as files: the code lives in platform/workflow-histories.ts, shared with the
// API's history download and replay; the scripts and tests keep importing it from here.
export * from '../../platform/workflow-histories.js';
