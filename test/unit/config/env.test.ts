import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../../config/env.ts';

describe('parseEnv', () => {
  it('defaults point at the local stack', () => {
    const env = parseEnv({});
    expect(env.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(env.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(env.KAFKA_TOPIC).toBe('prometheusdata');
    expect(env.PROMETHEUS_URL).toBe('http://127.0.0.1:9090');
  });

  it('parses lists and ports', () => {
    const env = parseEnv({ KAFKA_BROKERS: 'a:1, b:2', VIGIL_GRPC_PORT: '6000' });
    expect(env.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(env.VIGIL_GRPC_PORT).toBe(6000);
  });

  it('names every invalid variable', () => {
    const bad = () => parseEnv({ VIGIL_GRPC_PORT: '70000', PROMETHEUS_URL: 'not a url' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/VIGIL_GRPC_PORT/);
    expect(bad).toThrow(/PROMETHEUS_URL/);
  });

  it('reads retention ages in days, 30 days by default, 0d for keeping forever', () => {
    expect(parseEnv({}).VIGIL_RETENTION_RUN_AGE).toBe(30 * 86_400_000);
    expect(parseEnv({}).VIGIL_RETENTION_DEAD_LETTER_AGE).toBe(30 * 86_400_000);
    const env = parseEnv({ VIGIL_RETENTION_RUN_AGE: '90d', VIGIL_RETENTION_DEAD_LETTER_AGE: '0d' });
    expect(env.VIGIL_RETENTION_RUN_AGE).toBe(90 * 86_400_000);
    expect(env.VIGIL_RETENTION_DEAD_LETTER_AGE).toBe(0);
    expect(() => parseEnv({ VIGIL_RETENTION_RUN_AGE: '30 days' })).toThrow(/VIGIL_RETENTION_RUN_AGE/);
  });

  it('refuses a short API token', () => {
    expect(() => parseEnv({ VIGIL_API_TOKEN: 'short' })).toThrow(/VIGIL_API_TOKEN/);
  });
});
