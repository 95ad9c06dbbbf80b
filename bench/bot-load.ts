/**
 * Driving the bot over POST /api/messages, for the bench suites that measure walkthroughs (20-bot,
 * 70-postgres): the dealer's walkthrough script, a local channel service for the replies, one turn, and
 * turns per second by several dealers at once.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A full return walkthrough: menu → state → dates → intent → AVRM → VIN → decision. */
export const walkthrough = ['Return a vehicle', 'Ohio', '12/20/2026', 'today', 'lessee returns it', 'no', 'skip'] as const;

/** The channel service: accepts every reply at once (keep-alive), reads nothing. */
export async function startReplySink(): Promise<{ url: string; server: HttpServer }> {
  let next = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      next += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"id":"r${next}"}`);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let conversationCounter = 0;

/** A conversation id not used before in this process. */
export function newConversationId(prefix: string): string {
  conversationCounter += 1;
  return `${prefix}-${process.pid}-${conversationCounter}`;
}

export async function postTurn(url: string, serviceUrl: string, conversationId: string, text: string): Promise<void> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      channelId: 'emulator',
      serviceUrl,
      text,
      conversation: { id: conversationId },
      from: { id: `dealer-${conversationId}` },
      recipient: { id: 'bot' },
    }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`turn answered ${response.status}`);
}

/** `concurrency` dealers, each running `script` over and over in fresh conversations, for `seconds`: turns per second. */
export async function turnsPerSecond(url: string, serviceUrl: string, concurrency: number, script: readonly string[], seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let turns = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const conversationId = newConversationId('bench');
      for (const text of script) {
        await postTurn(url, serviceUrl, conversationId, text);
        turns += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return turns / ((performance.now() - started) / 1000);
}
