// Structured JSON logs (pino). Every component takes a child of this logger so its lines say
// which component and, in the API, which request they belong to.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, component: string): Logger {
  return pino({ level, base: { component }, timestamp: pino.stdTimeFunctions.isoTime });
}

type TemporalLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** The Temporal SDK's logger interface on top of pino, so SDK and workflow logs are JSON too. */
export function temporalLogger(log: Logger) {
  const at = (level: TemporalLevel) => (message: string, meta?: Record<string, unknown>) => log[LEVELS[level]](meta ?? {}, message);
  return {
    log: (level: TemporalLevel, message: string, meta?: Record<string, unknown>) => at(level)(message, meta),
    trace: at('TRACE'),
    debug: at('DEBUG'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
  };
}
