// What the test run's database is seeded with (harness/environment.ts), so the simulators each test
// system starts know the same seeded estate (simulators/estate.ts).
import { DEFAULT_SEED } from '../domain/seed-data.js';

export const TEST_SEED = { customers: 300, seed: DEFAULT_SEED } as const;
