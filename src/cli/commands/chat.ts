import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { buildApp, type App } from '../../app.ts';
import { loadConfig, localBaseUrl } from '../../config.ts';
import type { CliIo } from '../cli-io.ts';
import { usages } from '../usage.ts';

/**
 * `npm run chat [-- --url http://127.0.0.1:3978] [--conversation ID]`: a terminal conversation with
 * the bot through the real Bot Framework path. Each line is POSTed to /api/messages as an activity of
 * the `terminal` channel (plain text); the bot's replies arrive, as the protocol has it, at the
 * activity's serviceUrl: a tiny connector server this command runs on 127.0.0.1. Without --url it uses
 * the server at HOST:PORT when one answers there, like the other commands; otherwise the app itself runs
 * in this process on a free port (same DATA_DIR, so a conversation can be resumed with --conversation).
 * Works with piped standard input: one line, one turn, in order.
 */
const replySchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  attachments: z.array(z.looseObject({ content: z.unknown() })).optional(),
});

export async function run(args: string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    io.stderr.write(`${options}\n${usages.chat}`);
    return 2;
  }

  let app: App | undefined;
  let baseUrl = options.url ?? (await runningServer(io.env));
  if (baseUrl === undefined) {
    // Local and unauthenticated: the terminal is not a Bot Framework channel, so no token to present.
    const env = { ...io.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: io.env.LOG_LEVEL ?? 'silent', MicrosoftAppId: '', MicrosoftAppPassword: '' };
    app = await buildApp(loadConfig(env));
    const address = await app.start();
    baseUrl = `http://127.0.0.1:${address.port}`;
  }

  const connector = await startConnector((text) => io.stdout.write(`\n${text}\n`));
  const conversationId = options.conversation ?? `terminal-${randomUUID()}`;
  const interactive = (io.stdin as NodeJS.ReadStream).isTTY === true;
  // Activity ids must be new on every run: the bot answers a redelivered id with the replies it recorded,
  // and `--conversation ID` resumes a conversation whose earlier run numbered its activities from 1 too.
  const runId = randomUUID().slice(0, 8);
  let sequence = 0;
  const post = async (fields: Record<string, unknown>): Promise<boolean> => {
    sequence += 1;
    const activity = {
      id: `${conversationId}-${runId}-${sequence}`,
      channelId: 'terminal',
      serviceUrl: connector.url,
      conversation: { id: conversationId },
      from: { id: io.env.USER ?? 'dealer', name: 'Dealer' },
      recipient: { id: 'lease-return-assistant', name: 'Lease Return Assistant' },
      timestamp: new Date().toISOString(),
      ...fields,
    };
    const response = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const body = await response.text();
    if (response.ok) return true;
    io.stderr.write(`The bot answered HTTP ${response.status}: ${body}\n`);
    return false;
  };

  try {
    if (interactive) io.stdout.write(`Chatting with the Lease Return Assistant at ${baseUrl} (conversation ${conversationId}). Ctrl-D to leave.\n`);
    if (options.conversation === undefined) {
      await post({ type: 'conversationUpdate', membersAdded: [{ id: 'lease-return-assistant' }, { id: io.env.USER ?? 'dealer' }] });
    }
    const lines = createInterface({ input: io.stdin, terminal: false });
    if (interactive) io.stdout.write('\nyou> ');
    for await (const line of lines) {
      const text = line.trim();
      if (text !== '') {
        if (!interactive) io.stdout.write(`\nyou> ${text}\n`);
        if (!(await post({ type: 'message', text }))) return 1;
      }
      if (interactive) io.stdout.write('\nyou> ');
    }
    if (interactive) io.stdout.write('\n');
    return 0;
  } catch (error) {
    io.stderr.write(`Cannot reach the bot at ${baseUrl}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await connector.close();
    await app?.stop();
  }
}

function parseArgs(args: string[]): { url?: string; conversation?: string } | string {
  const options: { url?: string; conversation?: string } = {};
  for (let index = 0; index < args.length; index += 1) {
    const name = args[index];
    const value = args[index + 1];
    if ((name === '--url' || name === '--conversation') && value !== undefined) {
      if (name === '--url') options.url = value.replace(/\/+$/, '');
      else options.conversation = value;
      index += 1;
    } else return `Unknown argument "${name ?? ''}".`;
  }
  return options;
}

/** The server at HOST:PORT when one answers its liveness probe there (the one `npm start` runs), else undefined. */
async function runningServer(env: Record<string, string | undefined>): Promise<string | undefined> {
  const config = loadConfig(env);
  const url = localBaseUrl(config.host, config.port);
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.ok ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The channel side of the protocol: receives the bot's replies and prints their text. */
async function startConnector(print: (text: string) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const parsed = replySchema.safeParse(safeJson(Buffer.concat(chunks).toString('utf8')));
      if (request.method === 'POST' && parsed.success && parsed.data.type === 'message') {
        const text = parsed.data.text ?? parsed.data.attachments?.map((attachment) => JSON.stringify(attachment.content)).join('\n') ?? '';
        if (text !== '') print(text);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
