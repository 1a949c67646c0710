// The standard JSON history format: platform/history-json.ts (shared with the API).
export * from '../../platform/history-json.js';
