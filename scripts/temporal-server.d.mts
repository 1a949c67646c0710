// Types of temporal-server.mjs (plain JavaScript, run by bootstrap.mjs before any TypeScript), for the
// TypeScript scripts that obtain the cluster's binaries through it (the benchmark).
export declare const TEMPORAL_SERVER_VERSION: string;
export declare const TEMPORAL_UI_VERSION: string;
export declare function ensureTemporalServer(options: { cacheDir: string; log?: (message: string) => void }): {
  server: string;
  sqlTool: string;
  ui: string;
  serverModule: string;
  uiModule: string;
};
