// How an adapter call failed, in the two shapes the activities care about:
// - TransientAdapterError: the other system was slow, down or overloaded (timeout, connection
//   refused/reset, 5xx, 408, 429). Retrying the same call, with the same idempotency key, is safe
//   and may succeed.
// - BusinessRefusalError: the other system understood the request and said no (number taken, no
//   port left, credit refused, unknown subscription…). Retrying cannot help; `code` is stable and
//   becomes the type of the non-retryable failure the workflow handles.
// A plain AdapterError is a protocol fault (for example a 2xx whose body is not JSON): neither a
// refusal nor known to be transient.

export class AdapterError extends Error {
  constructor(
    readonly system: string,
    readonly operation: string,
    message: string,
    /** HTTP status, when the other system answered at all. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(`${system}.${operation}: ${message}`, options);
    this.name = new.target.name;
  }
}

export class TransientAdapterError extends AdapterError {
  readonly retryable = true;
  constructor(
    system: string,
    operation: string,
    message: string,
    status?: number,
    /** From a Retry-After header, when the other system said how long to wait. */
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(system, operation, message, status, options);
  }
}

export class BusinessRefusalError extends AdapterError {
  readonly retryable = false;
  constructor(
    system: string,
    operation: string,
    /** Stable machine-readable reason, e.g. NUMBER_TAKEN, NO_PORT_AVAILABLE, CREDIT_REFUSED. */
    readonly code: string,
    message: string,
    status?: number,
  ) {
    super(system, operation, `${code}: ${message}`, status);
  }
}

export const isTransient = (err: unknown): err is TransientAdapterError => err instanceof TransientAdapterError;
export const isBusinessRefusal = (err: unknown): err is BusinessRefusalError => err instanceof BusinessRefusalError;
