import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { Calls } from './messages.ts';
import { MAX_SEND_BYTES, retrievalService, type StreamMethod, type UnaryMethod } from './proto.ts';

/**
 * A typed client of the retrieval service, for `vigil retrieve`, the tests and the benchmark: unary calls as
 * promises, streams as async iterables (reading lazily, so gRPC flow control pushes back on the server).
 */
export interface RetrievalClientOptions {
  /** host:port */
  address: string;
  token?: string | undefined;
  /** Use TLS; `caFile` adds a private CA to the trusted roots. */
  tls?: boolean;
  caFile?: string | undefined;
  /** Per-call deadline unless a call sets its own. */
  deadlineMs?: number;
}

export interface CallOptions {
  deadlineMs?: number;
}

type Untyped = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

export class RetrievalClient {
  private readonly client: Untyped;

  constructor(private readonly options: RetrievalClientOptions) {
    const Ctor = grpc.makeClientConstructor(retrievalService(), 'RetrievalService');
    const creds =
      options.tls || options.caFile
        ? grpc.credentials.createSsl(options.caFile ? readFileSync(options.caFile) : null)
        : grpc.credentials.createInsecure();
    this.client = new Ctor(options.address, creds, {
      'grpc.max_receive_message_length': MAX_SEND_BYTES,
    }) as Untyped;
  }

  private metadata(): grpc.Metadata {
    const md = new grpc.Metadata();
    if (this.options.token) md.set('authorization', `Bearer ${this.options.token}`);
    return md;
  }

  private callOptions(options?: CallOptions): grpc.CallOptions {
    const ms = options?.deadlineMs ?? this.options.deadlineMs;
    return ms === undefined ? {} : { deadline: Date.now() + ms };
  }

  call<M extends UnaryMethod>(
    method: M,
    request: Calls[M]['request'],
    options?: CallOptions,
  ): Promise<Calls[M]['response']> {
    return new Promise((resolve, reject) => {
      this.client[method]!(
        request,
        this.metadata(),
        this.callOptions(options),
        (err: grpc.ServiceError | null, response: Calls[M]['response']) =>
          err ? reject(err) : resolve(response),
      );
    });
  }

  /** The pages of a server stream; throws the call's ServiceError if it ends with one. */
  stream<M extends StreamMethod>(
    method: M,
    request: Calls[M]['request'],
    options?: CallOptions,
  ): AsyncIterable<Calls[M]['response']> & { cancel(): void } {
    const call = this.client[method]!(
      request,
      this.metadata(),
      this.callOptions(options),
    ) as grpc.ClientReadableStream<Calls[M]['response']>;
    return {
      [Symbol.asyncIterator]: () => call[Symbol.asyncIterator]() as AsyncIterator<Calls[M]['response']>,
      cancel: () => call.cancel(),
    };
  }

  /** Resolves once connected, or rejects after `ms` (a quick "is the server up" check). */
  waitForReady(ms: number): Promise<void> {
    return new Promise((resolve, reject) =>
      this.client.waitForReady(Date.now() + ms, (err) => (err ? reject(err) : resolve())),
    );
  }

  close(): void {
    this.client.close();
  }
}

export function isServiceError(err: unknown): err is grpc.ServiceError {
  return err instanceof Error && typeof (err as grpc.ServiceError).code === 'number';
}
