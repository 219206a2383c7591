import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Kafka, logLevel } from 'kafkajs';
import mysql from 'mysql2/promise';
import { PrometheusDriver } from 'prometheus-query';
import { describe, expect, it } from 'vitest';
import { testEnv, uniqueName } from '../../support/env.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';
import * as activities from './smoke-activities.ts';

// Each server of the test stack, used for real through the client library Vigil uses for it.
const env = testEnv();
quietTemporalRuntime();

describe('test stack smoke', () => {
  it('Temporal: a workflow runs through a worker on the dev server', async () => {
    const taskQueue = uniqueName('smoke');
    const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('./smoke-workflows.ts', import.meta.url)),
      activities,
    });
    const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
      const result = await worker.runUntil(
        client.workflow.execute('smokeWorkflow', { taskQueue, workflowId: taskQueue, args: ['vigil'] }),
      );
      expect(result).toBe('hello, vigil');
      const described = await client.workflow.getHandle(taskQueue).describe();
      expect(described.status.name).toBe('COMPLETED');
    } finally {
      await clientConnection.close();
      await connection.close();
    }
  });

  it('Kafka: kafkajs produces and consumes a message on the 4.x broker', async () => {
    const kafka = new Kafka({ clientId: 'smoke', brokers: env.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const topic = uniqueName('smoke');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await admin.disconnect();

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'hello kafka' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('smoke-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<{ key: string; value: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message within 60 s')), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve({ key: String(message.key), value: String(message.value) });
        },
      });
    });
    await consumer.disconnect();
    expect(received).toEqual({ key: 'k', value: 'hello kafka' });
  });

  it('MariaDB: mysql2 creates, writes and reads a table', async () => {
    const db = await mysql.createConnection(env.MYSQL_URL);
    const table = uniqueName('smoke').replaceAll('-', '_');
    try {
      await db.query(`CREATE TABLE \`${table}\` (id INT PRIMARY KEY, bytes DOUBLE NOT NULL)`);
      await db.execute(
        `INSERT INTO \`${table}\` (id, bytes) VALUES (?, ?), (?, ?)`,
        [1, 16_647_192_576, 2, 0.5],
      );
      const [rows] = await db.query(`SELECT id, bytes FROM \`${table}\` ORDER BY id`);
      expect(rows).toEqual([
        { id: 1, bytes: 16_647_192_576 },
        { id: 2, bytes: 0.5 },
      ]);
    } finally {
      await db.query(`DROP TABLE IF EXISTS \`${table}\``);
      await db.end();
    }
  });

  it('Prometheus: prometheus-query reads node_memory_MemFree_bytes of job host', async () => {
    const prom = new PrometheusDriver({ endpoint: env.PROMETHEUS_URL });
    // node_exporter is scraped every 15 s; a freshly started stack may need one scrape first.
    const deadline = Date.now() + 60_000;
    let series: Awaited<ReturnType<typeof prom.instantQuery>>['result'] = [];
    while (Date.now() < deadline) {
      series = (await prom.instantQuery('node_memory_MemFree_bytes{job="host"}')).result;
      if (series.length > 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(series.length).toBe(1);
    expect(series[0]!.metric.labels.job).toBe('host');
    expect(series[0]!.value.value).toBeGreaterThan(0);
  });
});
