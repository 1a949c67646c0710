// The published TMF OpenAPI documents the conformance tests validate against (reference-specs/manifest.json):
// kept in the cache, fetched from their pinned commit on first use, each checked against its sha256.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/* global fetch, AbortSignal, Buffer -- Node 22 globals */

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** Makes sure every spec of the manifest is in `<cacheDir>/reference-specs`; returns the names still missing. */
export async function ensureReferenceSpecs({ root, cacheDir, log }) {
  const manifest = JSON.parse(readFileSync(join(root, 'reference-specs', 'manifest.json'), 'utf8'));
  const dir = join(cacheDir, 'reference-specs');
  mkdirSync(dir, { recursive: true });
  const missing = [];
  for (const spec of manifest.specs) {
    const path = join(dir, spec.file);
    if (existsSync(path) && sha256(readFileSync(path)) === spec.sha256) continue;
    try {
      const res = await fetch(spec.source.url, { signal: AbortSignal.timeout(30_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = Buffer.from(await res.arrayBuffer());
      if (sha256(body) !== spec.sha256) throw new Error('its sha256 is not the pinned one');
      writeFileSync(`${path}.part`, body);
      renameSync(`${path}.part`, path);
      log(`placed ${spec.file} (${spec.name} v${spec.version}) in ${dir}`);
    } catch (err) {
      missing.push(spec.file);
      log(`could not fetch ${spec.file} from ${spec.source.url} (${err.cause?.code ?? err.message}); place it in ${dir} (sha256 ${spec.sha256})`);
    }
  }
  return missing;
}
