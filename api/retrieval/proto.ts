import { fileURLToPath } from 'node:url';
import type * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * The retrieval contract, loaded at run time from proto/; its TypeScript types are generated with these same
 * options (scripts/proto-types.ts, into generated/). Server, client, reflection and tests all load it through
 * here so they agree on the options: snake_case field names as in the .proto, 64-bit integers as JS numbers (run
 * ids stay far below 2^53), enums as their names, and scalar defaults filled in while proto3 `optional` fields
 * stay absent when unset (that is how "no value" travels).
 */
export const PROTO_ROOT = fileURLToPath(new URL('../../proto/', import.meta.url));
export const PROTO_FILE = 'vigil/retrieval/v1/retrieval.proto';
export const SERVICE_NAME = 'vigil.retrieval.v1.RetrievalService';

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

/** Requests are a few hundred bytes; a large bound only invites abuse. */
export const MAX_RECEIVE_BYTES = 64 * 1024;
/** Responses: streamed pages stay far below this (10,000 points ≈ 400 KB); unary lists are bounded by `limit`. */
export const MAX_SEND_BYTES = 16 * 1024 * 1024;

let cached: protoLoader.PackageDefinition | undefined;

export function packageDefinition(): protoLoader.PackageDefinition {
  cached ??= protoLoader.loadSync(PROTO_FILE, LOADER_OPTIONS);
  return cached;
}

export function retrievalService(): grpc.ServiceDefinition {
  return packageDefinition()[SERVICE_NAME] as grpc.ServiceDefinition;
}

export const METHODS = [
  'ListMetrics',
  'ListSeries',
  'ListRuns',
  'GetDickeyFuller',
  'ListDecomposition',
  'ListHodrickPrescott',
  'ListAutocorrelation',
  'ListAggregates',
  'GetLatestForecast',
  'GetSloBudget',
  'ListSlos',
  'ListSeriesBudgets',
] as const;
export type MethodName = (typeof METHODS)[number];
export const STREAM_METHODS = [
  'ListDecomposition',
  'ListHodrickPrescott',
  'ListAutocorrelation',
  'ListAggregates',
] as const satisfies readonly MethodName[];
export type StreamMethod = (typeof STREAM_METHODS)[number];
export type UnaryMethod = Exclude<MethodName, StreamMethod>;
