import { type Env, parseEnv } from './env.ts';

export { ConfigError, type Env, envSchema, metricsPort, type ProcessRole, parseEnv } from './env.ts';

let cached: Env | undefined;

/**
 * The process-wide configuration, parsed on first use. Entry points call it at start so that a bad variable
 * stops the process before any connection is made; `exitOnConfigError` prints the message and exits 2.
 */
export function config(): Env {
  cached ??= parseEnv();
  return cached;
}

export function loadConfigOrExit(): Env {
  try {
    return config();
  } catch (err) {
    process.stderr.write(`vigil: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
