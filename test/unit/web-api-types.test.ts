// The web client's types (web/src/api/openapi.d.ts) are generated from the API's route table; a route
// or schema changed without regenerating them would let the client and the API disagree unseen.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { API_TYPES, generateApiTypes } from '../../scripts/web.js';

describe("the web client's API types", () => {
  it('are generated from the current route table (after an API change: npm run web:api)', async () => {
    const generated = await generateApiTypes();
    const committed = readFileSync(API_TYPES, 'utf8');
    if (generated !== committed) throw new Error('web/src/api/openapi.d.ts is out of date: run `npm run web:api` and commit it');
    expect(generated).toBe(committed);
  });
});
