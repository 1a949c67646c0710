// Errors as HTTP answers: failure kinds mapped in one place, and which errors the API reports as 503
// (a dependency down: retry) rather than 500 (our fault) — found by the database-restart and Temporal-restart drills.
import { describe, expect, it } from '@jest/globals';
import { databaseUnavailable, problemOf, temporalUnavailable } from '../../api/problem.js';
import { refusal } from '../../contracts/failures.js';
import { FAILURE_KINDS, isFailureKind } from '../../domain/failures.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseUnavailable', () => {
  it('a refused, reset or terminated connection, or a server shutting down or starting up', () => {
    expect(databaseUnavailable(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(databaseUnavailable(withCode('ECONNRESET'))).toBe(true);
    expect(databaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // A pooled client whose connection broke mid-outage (found by the postgres-restart drill: a create answered 500).
    expect(databaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(databaseUnavailable(withCode('57P03', 'the database system is shutting down'))).toBe(true);
    expect(databaseUnavailable(withCode('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(databaseUnavailable(withCode('08006'))).toBe(true);
    // wrapped, as MikroORM does
    expect(databaseUnavailable(Object.assign(new Error('DriverException'), { cause: withCode('ECONNREFUSED') }))).toBe(true);
  });

  it('not a query error nor anything else', () => {
    expect(databaseUnavailable(withCode('23505', 'duplicate key'))).toBe(false);
    expect(databaseUnavailable(withCode('22021', 'invalid byte sequence'))).toBe(false);
    expect(databaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(databaseUnavailable(undefined)).toBe(false);
  });
});

describe('temporalUnavailable', () => {
  it("the client's ServiceError over gRPC UNAVAILABLE (found by the Temporal-restart drill: a create answered 500)", () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    expect(
      temporalUnavailable(
        Object.assign(new Error('Failed to start Workflow: 14 UNAVAILABLE: No connection established'), { name: 'ServiceError', cause: grpc }),
      ),
    ).toBe(true);
    expect(temporalUnavailable(Object.assign(new Error('Failed to start Workflow: 14 UNAVAILABLE'), { name: 'ServiceError' }))).toBe(true);
  });

  it('not other gRPC errors', () => {
    expect(
      temporalUnavailable(Object.assign(new Error('3 INVALID_ARGUMENT'), { name: 'ServiceError', cause: Object.assign(new Error('x'), { code: 3 }) })),
    ).toBe(false);
    expect(temporalUnavailable(new Error('x'))).toBe(false);
  });
});

describe('one failure vocabulary, mapped to HTTP in one place', () => {
  it('maps every kind of domain/failures.ts to its status', () => {
    const statuses = Object.fromEntries(FAILURE_KINDS.map((k) => [k, problemOf(k, 'why').status]));
    expect(statuses).toEqual({ NOT_FOUND: 404, WRONG_STATE: 409, INVALID: 400, FORBIDDEN: 403 });
    expect(problemOf('FORBIDDEN', 'no', [{ field: 'agentId', message: 'm' }]).errors).toEqual([{ field: 'agentId', message: 'm' }]);
  });

  it('a refusal carries its kind as the failure type, which the API recognises and nothing else', () => {
    const r = refusal('WRONG_STATE', 'too late');
    expect([r.type, r.nonRetryable, isFailureKind(r.type)]).toEqual(['WRONG_STATE', true, true]);
    expect(isFailureKind('WrongState')).toBe(false);
  });
});
