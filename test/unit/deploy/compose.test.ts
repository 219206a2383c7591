import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { API_SERVERS } from '../../../cli/api.ts';
import { COMMAND_NAMES } from '../../../cli/main.ts';
import { WORKER_ROLES } from '../../../cli/worker.ts';
import { envSchema, METRICS_PORT_OFFSETS, metricsPort, parseEnv } from '../../../config/env.ts';

// docker-compose.yml cannot run on the development machines (no Docker engine), so this checks it is consistent
// with the code: services referenced exist, environment matches config/env.ts, commands exist, ports and the
// Prometheus scrape targets agree with the config module.

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown> | string[];
  ports?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
}

const root = new URL('../../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const vigilServices = Object.entries(services).filter(([name]) => name.startsWith('vigil-'));
const prometheusYml = parse(readFileSync(new URL('deploy/prometheus.yml', root), 'utf8')) as {
  scrape_configs: {
    job_name: string;
    static_configs: { targets: string[] }[];
    dns_sd_configs?: { names: string[]; type: string; port: number }[];
  }[];
};

/** Compose's `${VAR:-default}` / `${VAR:?message}` interpolation, with a valid token for the required secret. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_, name: string, def?: string) =>
    def !== undefined ? def : name === 'VIGIL_API_TOKEN' ? 'a-long-enough-test-token' : '',
  );
}

function envOf(service: Service) {
  const raw = Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
  );
  return { raw, env: parseEnv(raw) };
}

/**
 * The port a service serves /metrics on: the REST API on its own port, every other process on the metrics port
 * of its role (config/env.ts `metricsPort`), e.g. ["worker", "storage"] -> base + 2.
 */
function metricsPortOf(command: string[], env: ReturnType<typeof parseEnv>): number | undefined {
  if (command[0] === 'api' && command[1] === 'sla') return env.VIGIL_REST_PORT;
  const role = command[1] as keyof typeof METRICS_PORT_OFFSETS;
  return (command[0] === 'worker' || command[0] === 'api') && role in METRICS_PORT_OFFSETS
    ? metricsPort(env, role)
    : undefined;
}

describe('docker-compose.yml', () => {
  it('has the whole topology', () => {
    for (const name of ['temporal', 'temporal-ui', 'kafka', 'mysql', 'prometheus', 'node-exporter']) {
      expect(services, name).toHaveProperty(name);
    }
    expect(services.mysql!.image).toMatch(/^mysql:8/);
    expect(services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it('references only services that exist', () => {
    for (const [name, s] of Object.entries(services)) {
      const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
      for (const dep of deps) expect(services, `${name} depends on ${dep}`).toHaveProperty(dep);
    }
  });

  it("gives Vigil's processes only variables the config module declares, with valid values", () => {
    expect(vigilServices.length).toBeGreaterThanOrEqual(6);
    for (const [name, s] of vigilServices) {
      const { raw, env } = envOf(s);
      for (const key of Object.keys(raw))
        expect(Object.keys(envSchema.shape), `${name}: ${key}`).toContain(key);
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(env.KAFKA_BROKERS).toEqual(['kafka:9092']);
      expect(new URL(env.MYSQL_URL).host).toBe('mysql:3306');
      expect(new URL(env.PROMETHEUS_URL).host).toBe('prometheus:9090');
    }
  });

  it('runs commands the vigil CLI has', () => {
    for (const [name, s] of vigilServices) {
      expect(s.build, name).toBe('.');
      const command = s.command ?? [];
      expect(COMMAND_NAMES, `${name}: ${command.join(' ')}`).toContain(command[0]);
      if (command[0] === 'worker') expect(WORKER_ROLES, name).toContain(command[1]);
      if (command[0] === 'api') expect(API_SERVERS, name).toContain(command[1]);
    }
  });

  it('publishes the API ports of the config module', () => {
    const { env } = envOf(services['vigil-sla-api']!);
    expect(services['vigil-sla-api']!.ports).toContain(`${env.VIGIL_REST_PORT}:${env.VIGIL_REST_PORT}`);
    expect(services['vigil-retrieval']!.ports).toContain(`${env.VIGIL_GRPC_PORT}:${env.VIGIL_GRPC_PORT}`);
  });

  it('lets Prometheus scrape every Vigil process on the port the config module gives it', () => {
    const vigilJob = prometheusYml.scrape_configs.find((j) => j.job_name === 'vigil')!;
    // Replicated services are found by DNS (every replica's address), the others listed as host:port.
    const targets = [
      ...vigilJob.static_configs.flatMap((c) => c.targets),
      ...(vigilJob.dns_sd_configs ?? []).flatMap((c) => c.names.map((n) => `${n}:${c.port}`)),
    ];
    for (const [name, s] of vigilServices) {
      const port = metricsPortOf(s.command ?? [], envOf(s).env);
      if (port === undefined) continue;
      expect(targets, name).toContain(`${name}:${port}`);
    }
    for (const target of targets) expect(services, target).toHaveProperty(target.split(':')[0]!);
    for (const [name, s] of vigilServices) {
      if ((s.deploy?.replicas ?? 1) > 1) {
        expect(
          vigilJob.dns_sd_configs?.some((c) => c.names.includes(name)),
          `${name} by DNS`,
        ).toBe(true);
      }
    }
    const hostJob = prometheusYml.scrape_configs.find((j) => j.job_name === 'host')!;
    expect(hostJob.static_configs[0]!.targets).toEqual(['node-exporter:9100']);
  });
});
