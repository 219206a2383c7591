import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver run by a notification test, on 127.0.0.1 and a free port. */
export interface WebhookReceiver {
  /** The receiver's base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Drops open connections (requests a test holds) and stops listening. */
  close: () => Promise<void>;
}

/** Starts a receiver handing each request, with its whole body, to `onRequest`, which answers it (or holds it). */
export async function startWebhookReceiver(
  onRequest: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<WebhookReceiver> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => onRequest(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
