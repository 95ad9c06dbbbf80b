import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';
import { expect } from 'chai';
import { createBotAdapter, type BotFrameworkEndpoints } from '../../bots/bot-adapter.ts';
import type { BotRuntime } from '../../bots/bot-runtime.ts';
import { registerBotRoutes } from '../../src/http/routes/bot-routes.ts';
import { closeGracefully, createHttpServer, listen } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';

/**
 * POST /api/messages with MicrosoftAppId set, against forged and genuine-looking Bot Framework tokens.
 * The bot's OpenID metadata endpoints point at a local server that counts what it is asked, so "no
 * network call" is measured, not assumed; the turn logic records what reached the bot.
 */
const appId = '00000000-0000-0000-0000-0000000000a1';
const appPassword = 'not-a-real-secret';
const botFrameworkTenant = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
const serviceUrl = 'http://127.0.0.1:9/';
const keyId = 'test-signing-key';

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

type Json = Record<string, unknown>;

const part = (value: Json | string): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function rs256(header: Json, claims: Json, key: KeyObject = signingKey.privateKey): string {
  const input = `${part({ typ: 'JWT', ...header })}.${part(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** What the Bot Connector service sends: issuer api.botframework.com, our app id as audience. */
const channelClaims = (): Json => ({
  iss: 'https://api.botframework.com',
  aud: appId,
  serviceurl: serviceUrl,
  nbf: nowSeconds() - 60,
  exp: nowSeconds() + 3600,
});
/** What the Emulator sends (a v1 token from the Bot Framework tenant for our app). */
const emulatorClaims = (): Json => ({
  iss: `https://sts.windows.net/${botFrameworkTenant}/`,
  aud: appId,
  appid: appId,
  ver: '1.0',
  nbf: nowSeconds() - 60,
  exp: nowSeconds() + 3600,
});

const activity = (conversationId: string): Json => ({
  type: 'message',
  text: 'hi',
  channelId: 'msteams',
  serviceUrl,
  conversation: { id: conversationId },
  from: { id: 'user-1' },
  recipient: { id: appId },
});

/** A local stand-in for login.botframework.com: OpenID configuration and keys, each request counted. */
class MetadataServer {
  requests = 0;
  /** Answer every request with this status instead (an outage). */
  failWith: number | undefined;
  /** Answer every request with 200 and a body that is not JSON (a captive portal, a misconfigured proxy). */
  garbage = false;
  private readonly server: HttpServer;

  private constructor(private readonly keys: Json[]) {
    this.server = createServer((request, response) => {
      this.requests += 1;
      const json = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (this.failWith !== undefined) return json(this.failWith, { error: 'unavailable' });
      if (this.garbage) {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<html>Sign in to the Wi-Fi</html>');
      }
      if (request.url === '/keys') return json(200, { keys: this.keys });
      if (request.url?.endsWith('/.well-known/openid-configuration')) return json(200, { jwks_uri: `${this.url}/keys` });
      return json(404, {});
    });
  }

  static async start(keys: Json[] = []): Promise<MetadataServer> {
    const metadata = new MetadataServer(keys);
    await new Promise<void>((resolve) => metadata.server.listen(0, '127.0.0.1', resolve));
    return metadata;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get endpoints(): BotFrameworkEndpoints {
    return endpointsAt(this.url);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function endpointsAt(base: string): BotFrameworkEndpoints {
  return {
    channelOpenIdMetadataUrl: `${base}/channel/.well-known/openid-configuration`,
    emulatorOpenIdMetadataUrl: `${base}/emulator/.well-known/openid-configuration`,
  };
}

/** Our /api/messages route and the real adapter, with authentication on and a recording turn. */
async function startBot(endpoints: BotFrameworkEndpoints): Promise<{ baseUrl: string; turns: string[]; stop(): Promise<void> }> {
  const logger = createLogger('silent');
  const turns: string[] = [];
  const adapter = createBotAdapter({ appId, appPassword, appType: 'MultiTenant', tenantId: undefined }, { endpoints });
  const runtime: BotRuntime = {
    adapter,
    authEnabled: true,
    logic: async (context: TurnContext) => {
      turns.push(context.activity.conversation.id);
    },
  };
  const server = createHttpServer({ logger, apiToken: undefined });
  registerBotRoutes(server, { runtime, logger });
  const address = await listen(server, 0, '127.0.0.1');
  return { baseUrl: `http://127.0.0.1:${address.port}`, turns, stop: () => closeGracefully(server, 1000) };
}

async function postWithToken(baseUrl: string, token: string, conversationId: string): Promise<{ status: number; code: string | undefined }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(activity(conversationId)),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { error?: { code?: string } }) : {};
  return { status: response.status, code: body.error?.code };
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** botbuilder prints its own verify failures with console.error; keep the test output readable. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => undefined;
  try {
    return await run();
  } finally {
    console.error = original;
  }
}

const publicJwk = (key: KeyObject): Json => ({ ...key.export({ format: 'jwk' }), kid: keyId, use: 'sig' });

describe('POST /api/messages with MicrosoftAppId: Bot Framework tokens', () => {
  describe('tokens their own header or claims rule out → 401, without asking for keys', () => {
    // The metadata endpoint is down, so a token that reaches botbuilder's key fetch shows up twice:
    // as a counted request, and as botbuilder's failure instead of a clean 401.
    let metadata: MetadataServer;
    let bot: Awaited<ReturnType<typeof startBot>>;
    let issuersBefore: number;
    before(async () => {
      metadata = await MetadataServer.start();
      metadata.failWith = 503;
      bot = await startBot(metadata.endpoints);
      issuersBefore = (ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[]).length;
    });
    after(async () => {
      await bot.stop();
      await metadata.close();
    });

    const strangerTenant = randomUUID();
    const forged: { name: string; token: () => string }[] = [
      { name: '`alg: none` with valid-looking claims', token: () => `${part({ alg: 'none', typ: 'JWT', kid: keyId })}.${part(channelClaims())}.` },
      { name: '`alg: none` with a dummy signature', token: () => `${part({ alg: 'none', typ: 'JWT', kid: keyId })}.${part(channelClaims())}.c2ln` },
      {
        name: 'HS256 signed with the app password',
        token: () => {
          const input = `${part({ alg: 'HS256', typ: 'JWT', kid: keyId })}.${part(channelClaims())}`;
          return `${input}.${createHmac('sha256', appPassword).update(input).digest('base64url')}`;
        },
      },
      { name: 'RS384 (not what Bot Framework signs with)', token: () => `${part({ alg: 'RS384', kid: keyId })}.${part(channelClaims())}.c2ln` },
      { name: 'RS256 without a key id', token: () => rs256({ alg: 'RS256' }, channelClaims()) },
      { name: 'a foreign issuer', token: () => rs256({ alg: 'RS256', kid: keyId }, { ...channelClaims(), iss: 'https://evil.example/' }) },
      {
        name: "a foreign Azure AD tenant (issuer and tid of a tenant that isn't ours)",
        token: () => rs256({ alg: 'RS256', kid: keyId }, { ...emulatorClaims(), iss: `https://sts.windows.net/${strangerTenant}/`, tid: strangerTenant }),
      },
      {
        name: 'an accepted issuer naming a stranger tenant in tid',
        token: () => rs256({ alg: 'RS256', kid: keyId }, { ...emulatorClaims(), tid: randomUUID() }),
      },
      { name: "another bot's audience", token: () => rs256({ alg: 'RS256', kid: keyId }, { ...channelClaims(), aud: '00000000-0000-0000-0000-0000000000b2' }) },
      { name: 'expired an hour ago', token: () => rs256({ alg: 'RS256', kid: keyId }, { ...channelClaims(), exp: nowSeconds() - 3600 }) },
      { name: 'no expiry', token: () => rs256({ alg: 'RS256', kid: keyId }, { ...channelClaims(), exp: undefined }) },
      { name: 'a header that is not JSON', token: () => `${part('not json')}.${part(channelClaims())}.c2ln` },
      { name: 'two parts', token: () => `${part({ alg: 'RS256', kid: keyId })}.${part(channelClaims())}` },
    ];
    for (const [index, testCase] of forged.entries()) {
      it(`${testCase.name} → 401, no key fetch, no turn`, async () => {
        const requestsBefore = metadata.requests;
        const response = await postWithToken(bot.baseUrl, testCase.token(), `forged-${index}`);
        expect(response).to.deep.equal({ status: 401, code: 'unauthorized' });
        expect(metadata.requests).to.equal(requestsBefore);
        expect(bot.turns).to.deep.equal([]);
      });
    }

    it("botbuilder's process-wide list of accepted issuers did not grow", () => {
      expect((ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[]).length).to.equal(issuersBefore);
    });
  });

  describe('a token that passes the screen is verified by botbuilder against the published keys', () => {
    let metadata: MetadataServer;
    let bot: Awaited<ReturnType<typeof startBot>>;
    before(async () => {
      metadata = await MetadataServer.start([publicJwk(signingKey.publicKey)]);
      bot = await startBot(metadata.endpoints);
    });
    after(async () => {
      await bot.stop();
      await metadata.close();
    });

    it('a correctly signed Bot Connector token → 200 and the turn runs (the keys were fetched)', async () => {
      const response = await postWithToken(bot.baseUrl, rs256({ alg: 'RS256', kid: keyId }, channelClaims()), 'genuine-channel');
      expect(response.status).to.equal(200);
      expect(bot.turns).to.include('genuine-channel');
      expect(metadata.requests).to.be.greaterThan(0);
    });

    it('a correctly signed Emulator token → 200 and the turn runs', async () => {
      const response = await postWithToken(bot.baseUrl, rs256({ alg: 'RS256', kid: keyId }, emulatorClaims()), 'genuine-emulator');
      expect(response.status).to.equal(200);
      expect(bot.turns).to.include('genuine-emulator');
    });

    it('a well-formed token signed with another key → 401, no turn', async () => {
      const token = rs256({ alg: 'RS256', kid: keyId }, channelClaims(), otherKey.privateKey);
      const response = await quietly(() => postWithToken(bot.baseUrl, token, 'bad-signature'));
      expect(response).to.deep.equal({ status: 401, code: 'unauthorized' });
      expect(bot.turns).not.to.include('bad-signature');
    });

    it('a token with a key id the metadata does not list → 401', async () => {
      const response = await postWithToken(bot.baseUrl, rs256({ alg: 'RS256', kid: 'unknown-key' }, channelClaims()), 'unknown-kid');
      expect(response).to.deep.equal({ status: 401, code: 'unauthorized' });
    });
  });

  describe('signing keys that cannot be loaded → 503 auth_metadata_unavailable, never a 500', () => {
    it('metadata endpoint on a closed port: a Bot Connector token and an Emulator token → 503', async () => {
      const bot = await startBot(endpointsAt(`http://127.0.0.1:${await closedPort()}`));
      try {
        expect(await postWithToken(bot.baseUrl, rs256({ alg: 'RS256', kid: keyId }, channelClaims()), 'closed-1')).to.deep.equal({
          status: 503,
          code: 'auth_metadata_unavailable',
        });
        expect(await postWithToken(bot.baseUrl, rs256({ alg: 'RS256', kid: keyId }, emulatorClaims()), 'closed-2')).to.deep.equal({
          status: 503,
          code: 'auth_metadata_unavailable',
        });
        expect(bot.turns).to.deep.equal([]);
      } finally {
        await bot.stop();
      }
    });

    it('metadata endpoint answering 500, or 200 with something that is not JSON → 503', async () => {
      const metadata = await MetadataServer.start();
      const bot = await startBot(metadata.endpoints);
      try {
        metadata.failWith = 500;
        expect(await postWithToken(bot.baseUrl, rs256({ alg: 'RS256', kid: keyId }, channelClaims()), 'down-1')).to.deep.equal({
          status: 503,
          code: 'auth_metadata_unavailable',
        });
        metadata.failWith = undefined;
        metadata.garbage = true;
        expect(await postWithToken(bot.baseUrl, rs256({ alg: 'RS256', kid: keyId }, emulatorClaims()), 'down-2')).to.deep.equal({
          status: 503,
          code: 'auth_metadata_unavailable',
        });
        expect(bot.turns).to.deep.equal([]);
      } finally {
        await bot.stop();
        await metadata.close();
      }
    });
  });
});
