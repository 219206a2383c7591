import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_NAME } from '../../../api/retrieval/proto.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { testEnv } from '../../support/env.ts';
import { startTestServer } from '../../support/retrieval.ts';

/**
 * What generic tools rely on: the standard health service answers SERVING (NOT_SERVING once shutting down), and
 * server reflection lists the service and serves its descriptors, as grpcurl's `list` and `describe` ask.
 */
const env = testEnv();
let database: Database;
let harness: Awaited<ReturnType<typeof startTestServer>>;

const require = createRequire(import.meta.url);
const reflectionProto = join(
  dirname(require.resolve('@grpc/reflection/package.json')),
  'build/proto/grpc/reflection/v1/reflection.proto',
);

type Untyped = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

function healthCheck(address: string, service: string): Promise<string> {
  const Client = grpc.makeClientConstructor(healthService, 'Health');
  const client = new Client(address, grpc.credentials.createInsecure()) as Untyped;
  return new Promise((resolve, reject) =>
    client.Check!({ service }, (err: Error | null, res: { status: string }) => {
      client.close();
      if (err) reject(err);
      else resolve(res.status);
    }),
  );
}

/** One request on the reflection stream (grpcurl's own protocol), returning the first response. */
function reflect(address: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const def = protoLoader.loadSync(reflectionProto, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const ctor = grpc.loadPackageDefinition(def) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: grpc.ServiceClientConstructor } } };
  };
  const client = new ctor.grpc.reflection.v1.ServerReflection(
    address,
    grpc.credentials.createInsecure(),
  ) as Untyped;
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo!() as grpc.ClientDuplexStream<unknown, Record<string, unknown>>;
    call.on('data', (res) => {
      call.end();
      client.close();
      resolve(res);
    });
    call.on('error', reject);
    call.write(request);
  });
}

beforeAll(async () => {
  database = openDatabase(env.MYSQL_URL);
  harness = await startTestServer(database);
});

afterAll(async () => {
  await harness?.close();
  await database?.close();
});

describe('health and reflection', () => {
  it('the health service answers SERVING for the server and for the retrieval service', async () => {
    expect(await healthCheck(harness.address, '')).toBe('SERVING');
    expect(await healthCheck(harness.address, SERVICE_NAME)).toBe('SERVING');
  });

  it('reflection lists the retrieval service, health and reflection', async () => {
    const res = await reflect(harness.address, { list_services: '' });
    const names = (res.list_services_response as { service: { name: string }[] }).service.map((s) => s.name);
    expect(names).toContain(SERVICE_NAME);
    expect(names).toContain('grpc.health.v1.Health');
  });

  it('reflection serves the file descriptor that defines the service', async () => {
    const res = await reflect(harness.address, { file_containing_symbol: SERVICE_NAME });
    const files = (res.file_descriptor_response as { file_descriptor_proto: Buffer[] }).file_descriptor_proto;
    const text = Buffer.concat(files).toString('latin1');
    // Real file names, and the retrieval file imports the one defining Timestamp, which travels along.
    expect(text).toContain('vigil/retrieval/v1/retrieval.proto');
    expect(text).toContain('google/protobuf/timestamp.proto');
    expect(text).toContain('vigil.retrieval.v1');
    expect(text).toContain('GetDickeyFuller');
    expect(text).toContain('google.protobuf.Timestamp');
    expect(files.length).toBe(2);
  });

  it('health turns NOT_SERVING when the server starts shutting down', async () => {
    const h = await startTestServer(database);
    h.server.health.setStatus('', 'NOT_SERVING');
    expect(await healthCheck(h.address, '')).toBe('NOT_SERVING');
    await h.close();
  });
});
