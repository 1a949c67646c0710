// The published TMF OpenAPI documents (reference-specs/manifest.json) as JSON-schema validators, so
// tests check the real API's requests and responses against the specification, not our reading of it.
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;
export type SpecName = 'TMF622' | 'TMF621' | 'TMF620';

const FILES: Record<SpecName, string> = {
  TMF622: 'TMF622-ProductOrdering-v5.0.0.oas.yaml',
  TMF621: 'TMF621-Trouble_Ticket-v5.0.0.oas.yaml',
  TMF620: 'TMF620-Product_Catalog_Management-v5.0.0.oas.yaml',
};

export function referenceSpecsDir(): string {
  return process.env.REFERENCE_SPECS_DIR ?? join(homedir(), '.cache', 'telecom-orch', 'reference-specs');
}

/**
 * OpenAPI 3.0 → JSON Schema, where the two differ in what we validate:
 * - a `oneOf` with a discriminator mapping picks its branch by `@type` (TMF's polymorphic references
 *   match several branches at once, which plain oneOf refuses);
 * - `discriminator` alone (on allOf-composed types) is documentation.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const n = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(n)) {
    if (k === 'discriminator' || k === 'example' || k === 'examples' || k === 'xml') continue;
    out[k] = toJsonSchema(v);
  }
  const disc = n.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (disc?.mapping && Array.isArray(n.oneOf)) {
    delete out.oneOf;
    const known = Object.keys(disc.mapping);
    out.required = [...new Set([...((out.required as string[]) ?? []), disc.propertyName])];
    out.properties = { ...((out.properties as Json) ?? {}), [disc.propertyName]: { type: 'string', enum: known } };
    out.allOf = [
      ...((out.allOf as unknown[]) ?? []),
      ...known.map((type) => ({
        if: { properties: { [disc.propertyName]: { const: type } }, required: [disc.propertyName] },
        then: { $ref: disc.mapping![type] },
      })),
    ];
  }
  return out;
}

export class TmfSpec {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();
  readonly document: Json;

  private constructor(
    readonly name: SpecName,
    document: Json,
  ) {
    this.document = document;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    (addFormatsModule as unknown as (a: Ajv) => void)(this.ajv);
    // Attachments carry base64 content; its format is not checked here.
    this.ajv.addFormat('base64', true);
    this.ajv.addSchema({ $id: `${name}.json`, components: toJsonSchema(document.components) as Json });
  }

  static load(name: SpecName): TmfSpec {
    const path = join(referenceSpecsDir(), FILES[name]);
    if (!existsSync(path)) {
      throw new Error(`the published ${name} v5 document is missing at ${path}: run \`npm run setup\` (see reference-specs/manifest.json)`);
    }
    return new TmfSpec(name, parse(readFileSync(path, 'utf8')) as Json);
  }

  /** Errors of `value` against components/schemas/<schema>, as "path: message" lines (empty when valid). */
  check(schema: string, value: unknown): string[] {
    let validate = this.cache.get(schema);
    if (!validate) {
      if (!(this.document.components as { schemas: Json }).schemas[schema]) throw new Error(`${this.name} has no schema ${schema}`);
      validate = this.ajv.compile({ $ref: `${this.name}.json#/components/schemas/${schema}` });
      this.cache.set(schema, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(describe);
  }

  /** A published example's value, by its name under components/examples. */
  example(name: string): Json {
    const ex = (this.document.components as { examples: Record<string, { value: Json }> }).examples[name];
    if (!ex) throw new Error(`${this.name} has no example ${name}`);
    return structuredClone(ex.value);
  }
}

function describe(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
  return `${e.instancePath || '/'}: ${e.message}${extra}`;
}
