import { gzipSync } from 'node:zlib';
import kafkajs, { CompressionTypes, Kafka, logLevel, type Producer } from 'kafkajs';

// Not among the names Node's ESM loader detects in kafkajs's CommonJS exports: taken from the default export.
const { ConfigResourceTypes } = kafkajs;

import { findCause } from '../../contracts/cause-chain.ts';
import { type VigilErrorCode, vigilFailure } from '../../contracts/errors.ts';
import { chunk } from '../../drizzle/codec.ts';

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

/** A message Kafka cannot take even compressed and alone: not published, and no retry would change that. */
export interface OversizeMessage {
  code: Extract<VigilErrorCode, 'MESSAGE_TOO_LARGE'>;
  id: string;
  key: string;
  /** Its size as the broker would see it (compressed), in bytes. */
  bytes: number;
  error: string;
}

export interface PublishResult {
  published: number;
  tooLarge: OversizeMessage[];
}

/** Kafka's own default for `max.message.bytes`, used when the topic's setting cannot be read. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
const MESSAGE_ID_HEADER = 'vigil-message-id';
/** A record's framing in a batch (length, attributes, deltas, key/value lengths, header count): at most ~40 B. */
const RECORD_OVERHEAD = 64;
/** A batch's header is 61 B; the rest covers gzip's framing on incompressible data (5 B per 64 KB block). */
const BATCH_OVERHEAD = 1024;

const limits = new Map<string, Promise<number>>();

/**
 * The topic's `max.message.bytes` (the broker's `message.max.bytes` unless the topic overrides it): the most a
 * partition's record batch may hold after compression. Read once per process and topic.
 */
export function topicMessageLimit(settings: KafkaSettings): Promise<number> {
  const cacheKey = `${settings.brokers.join(',')}/${settings.topic}`;
  let limit = limits.get(cacheKey);
  if (!limit) {
    limit = readTopicLimit(settings).catch((err) => {
      limits.delete(cacheKey);
      throw err;
    });
    limits.set(cacheKey, limit);
  }
  return limit;
}

async function readTopicLimit(settings: KafkaSettings): Promise<number> {
  const admin = kafka(settings).admin();
  try {
    await admin.connect();
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: settings.topic, configNames: ['max.message.bytes'] },
      ],
    });
    const value = resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue;
    const bytes = Number(value);
    return Number.isInteger(bytes) && bytes > 0 ? bytes : DEFAULT_MAX_MESSAGE_BYTES;
  } catch (err) {
    throw vigilFailure(
      'KAFKA_UNAVAILABLE',
      `reading max.message.bytes of topic ${settings.topic}: ${(err as Error).message}`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** What a message adds to a batch before compression. */
function recordBytes(m: OutgoingMessage, value = m.value.length): number {
  return (
    value + Buffer.byteLength(m.key) + Buffer.byteLength(m.id) + MESSAGE_ID_HEADER.length + RECORD_OVERHEAD
  );
}

/**
 * Consecutive groups whose records add up to at most `budget` bytes before compression, so every partition's
 * compressed batch stays under the limit whatever the partitioner does with them. A message that alone exceeds
 * the budget travels alone (compressed it may still fit).
 */
export function groupBySize(messages: OutgoingMessage[], budget: number): OutgoingMessage[][] {
  return chunk(messages, Number.POSITIVE_INFINITY, budget, (m) => recordBytes(m));
}

function isTooLarge(err: unknown): boolean {
  return (
    findCause(err, (e) => e.type === 'MESSAGE_TOO_LARGE' || e.type === 'RECORD_LIST_TOO_LARGE') !== undefined
  );
}

function oversize(m: OutgoingMessage, bytes: number, limit: number): OversizeMessage {
  return {
    code: 'MESSAGE_TOO_LARGE',
    id: m.id,
    key: m.key,
    bytes,
    error: `series ${m.key}: its message is ${bytes} bytes gzip-compressed, over the topic's max.message.bytes (${limit})`,
  };
}

/**
 * Publishes with acks=all and gzip, in sends that each stay under the topic's `max.message.bytes`. A message too
 * large even compressed and alone is returned in `tooLarge` (the caller reports it as MESSAGE_TOO_LARGE, never
 * retried) while every other message is published; any other Kafka failure is a retryable KAFKA_UNAVAILABLE.
 */
export async function publish(settings: KafkaSettings, messages: OutgoingMessage[]): Promise<PublishResult> {
  const result: PublishResult = { published: 0, tooLarge: [] };
  if (messages.length === 0) return result;
  const limit = await topicMessageLimit(settings);
  const budget = limit - BATCH_OVERHEAD;
  const pending = groupBySize(messages, budget);
  for (let group = pending.shift(); group; group = pending.shift()) {
    const only = group.length === 1 ? group[0]! : undefined;
    if (only && recordBytes(only) > budget) {
      // Only a message over the budget raw pays for a trial compression; kafkajs compresses it again to send.
      const compressed = recordBytes(only, gzipSync(only.value).length);
      if (compressed > budget) {
        result.tooLarge.push(oversize(only, compressed, limit));
        continue;
      }
    }
    try {
      await send(settings, group);
      result.published += group.length;
    } catch (err) {
      if (!isTooLarge(err)) {
        throw vigilFailure(
          'KAFKA_UNAVAILABLE',
          `publishing ${group.length} messages: ${(err as Error).message}`,
        );
      }
      // The broker counts differently than the estimate: halve the send until the message that does not fit
      // stands alone.
      if (only) result.tooLarge.push(oversize(only, recordBytes(only, gzipSync(only.value).length), limit));
      else pending.unshift(group.slice(0, group.length >> 1), group.slice(group.length >> 1));
    }
  }
  return result;
}

async function send(settings: KafkaSettings, messages: OutgoingMessage[]): Promise<void> {
  try {
    const p = await getProducer(settings);
    await p.send({
      topic: settings.topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: { [MESSAGE_ID_HEADER]: m.id } })),
    });
  } catch (err) {
    // A broken connection can leave the producer unusable, and a refused send may have been appended on other
    // partitions: the next attempt starts a fresh idempotent producer (consumers drop re-sent message ids).
    await closeProducer().catch(() => undefined);
    throw err;
  }
}
