import { pino } from 'pino';
import { config } from '../config/index.ts';

/**
 * The one structured logger (pino, JSON lines on stdout). Components take a child with `{ component }` so log
 * lines can be filtered per process role.
 */
export const logger = pino({
  level: config().VIGIL_LOG_LEVEL,
  base: { service: 'vigil' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export function componentLogger(component: string) {
  return logger.child({ component });
}
