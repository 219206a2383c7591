import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { status } from '@grpc/grpc-js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetrievalClient } from '../../../api/retrieval/client.ts';
import {
  type RunningRetrievalServer,
  startRetrievalServer,
  tlsFromEnv,
} from '../../../api/retrieval/server.ts';
import { ConfigError, parseEnv } from '../../../config/env.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { testEnv } from '../../support/env.ts';
import { statusOf } from '../../support/retrieval.ts';

/**
 * The retrieval server with TLS (VIGIL_GRPC_TLS_CERT/KEY), as an operator exposing it beyond loopback runs it:
 * a client that trusts the certificate's CA gets answers, a plaintext client or one that does not trust it gets
 * none, and `vigil retrieve` connects with VIGIL_GRPC_TLS_CA. The certificate is made here with openssl.
 */
const env = testEnv();
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TOKEN = 'tls-test-token-0123456789';
const dir = mkdtempSync(path.join(tmpdir(), 'vigil-tls-'));
const certFile = path.join(dir, 'cert.pem');
const keyFile = path.join(dir, 'key.pem');
let database: Database;
let server: RunningRetrievalServer;
let address: string;

beforeAll(async () => {
  // A self-signed certificate for localhost and 127.0.0.1, valid for a day: it is its own CA.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  database = openDatabase(env.MYSQL_URL);
  server = await startRetrievalServer({
    database,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    tls: { certFile, keyFile },
    log: pino({ level: 'silent' }),
  });
  address = `localhost:${server.port}`;
});

afterAll(async () => {
  await server?.shutdown(2000);
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retrieval over TLS', () => {
  it('answers a client that trusts the certificate', async () => {
    const client = new RetrievalClient({ address, token: TOKEN, caFile: certFile, deadlineMs: 10_000 });
    try {
      const r = await client.call('ListMetrics', {});
      expect(Array.isArray(r.metrics)).toBe(true);
    } finally {
      client.close();
    }
  });

  it('gives nothing to a plaintext client or to one that does not trust the certificate', async () => {
    for (const options of [{}, { tls: true }]) {
      const client = new RetrievalClient({ address, token: TOKEN, deadlineMs: 5000, ...options });
      try {
        expect((await statusOf(client.call('ListMetrics', {}))).code).toBe(status.UNAVAILABLE);
      } finally {
        client.close();
      }
    }
  });

  it('still wants the bearer token over TLS', async () => {
    const client = new RetrievalClient({ address, token: 'wrong-token-0123456789', caFile: certFile });
    try {
      expect((await statusOf(client.call('ListMetrics', {}))).code).toBe(status.UNAUTHENTICATED);
    } finally {
      client.close();
    }
  });

  it('is reached by `vigil retrieve` with VIGIL_GRPC_TLS_CA', async () => {
    const child = spawn(
      process.execPath,
      ['bin/vigil.mjs', 'retrieve', 'metrics', '--address', address, '--json'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          VIGIL_LOG_LEVEL: 'silent',
          VIGIL_GRPC_TLS_CA: certFile,
          VIGIL_API_TOKEN: TOKEN,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    expect(() => JSON.parse(stdout)).not.toThrow();
  });

  it('refuses a certificate without its key (or the reverse) instead of falling back to plaintext', () => {
    expect(() => tlsFromEnv(parseEnv({ VIGIL_GRPC_TLS_CERT: certFile }))).toThrow(ConfigError);
    expect(() => tlsFromEnv(parseEnv({ VIGIL_GRPC_TLS_KEY: keyFile }))).toThrow(ConfigError);
    expect(tlsFromEnv(parseEnv({ VIGIL_GRPC_TLS_CERT: certFile, VIGIL_GRPC_TLS_KEY: keyFile }))).toEqual({
      certFile,
      keyFile,
    });
  });
});
