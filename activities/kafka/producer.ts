import { Kafka, logLevel, type Producer } from 'kafkajs';
import { vigilFailure } from '../../contracts/errors.ts';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topic: string;
}

let producer: Promise<Producer> | undefined;

function kafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    // Fail fast and let Temporal's retry policy (with its backoff and visibility) do the long waiting.
    connectionTimeout: 3000,
    requestTimeout: 15_000,
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 3000 },
  });
}

/**
 * The process's one producer, connected on first use. Idempotent with acks=all: a retried send inside kafkajs
 * cannot duplicate a record; a re-run activity may re-send, which the message id lets consumers drop.
 */
export function getProducer(settings: KafkaSettings): Promise<Producer> {
  producer ??= (async () => {
    const p = kafka(settings).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await p.connect();
    return p;
  })().catch((err) => {
    producer = undefined;
    throw err;
  });
  return producer;
}

export async function closeProducer(): Promise<void> {
  const p = producer;
  producer = undefined;
  if (p) await (await p).disconnect();
}

/** Creates the topic if missing (idempotent); partitions let several storage workers share the load. */
export async function ensureTopic(settings: KafkaSettings, numPartitions = 6): Promise<void> {
  const admin = kafka(settings).admin();
  try {
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: settings.topic, numPartitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  } catch (err) {
    throw vigilFailure('KAFKA_UNAVAILABLE', `creating topic ${settings.topic}: ${(err as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface OutgoingMessage {
  id: string;
  key: string;
  value: Buffer;
}

/** Sends a batch with acks=all; any Kafka failure becomes a retryable KAFKA_UNAVAILABLE. */
export async function publish(settings: KafkaSettings, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  try {
    const p = await getProducer(settings);
    await p.send({
      topic: settings.topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: { 'vigil-message-id': m.id } })),
    });
  } catch (err) {
    // A broken connection can leave the producer unusable; the next attempt reconnects.
    await closeProducer().catch(() => undefined);
    throw vigilFailure(
      'KAFKA_UNAVAILABLE',
      `publishing ${messages.length} messages: ${(err as Error).message}`,
    );
  }
}
