import { sqliteDatabaseOf } from '../../src/storage/open-storage.ts';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { FixedClock } from '../../src/clock.ts';
import { skipOnPostgres, makeTempDir, startTestApp, type RunningApp } from '../support/test-app.ts';
import { DirectLineTestClient, fakeClock, textsOf, type Grant } from './support/direct-line-harness.ts';

const userOf = (grant: Grant): string =>
  String((JSON.parse(Buffer.from(grant.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { user: unknown }).user);

/** The bot state rows of one Direct Line conversation: botbuilder's ConversationState and its user's UserState. */
const stateKeysOf = (grant: Grant): string[] => [`bot:webchat/conversations/${grant.conversationId}/`, `bot:webchat/users/${userOf(grant)}/`];

function countRows(database: Database.Database, keys: string[]): number {
  const row = database
    .prepare<string[], { n: number }>(`SELECT COUNT(*) AS n FROM state_documents WHERE key IN (${keys.map(() => '?').join(',')})`)
    .get(...keys);
  return row?.n ?? 0;
}

/** Polls until the count is reached (the deletion runs after the conversation's deliveries settle). */
async function rowsBecome(count: () => number, expected: number, timeoutMs = 3000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let seen = count();
  while (seen !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen = count();
  }
  return seen;
}

/** The product's bot behind the local Direct Line: when a conversation is forgotten, its bot state is deleted. */
describe('local Direct Line: bot state of forgotten conversations', () => {
  let running: RunningApp;
  let clock: FixedClock;
  let dl: DirectLineTestClient;

  /**
   * A conversation the bot has saved state for: its dialog state from a message, and a user profile
   * (written here as the bot writes one once a dealer introduces themselves).
   */
  async function talkedTo(): Promise<Grant> {
    const started = await dl.start();
    expect(started.status).to.equal(201);
    const grant = started.body;
    await dl.waitFor(grant, (activities) => textsOf(activities).length > 0);
    expect((await dl.post(grant, { type: 'message', text: 'hi' })).status).to.equal(200);
    await dl.waitFor(grant, (activities) => textsOf(activities).length > 2);
    await running.app.stateStore.write([{ key: `bot:webchat/users/${userOf(grant)}/`, value: { dealerProfile: { dealerName: 'Test Motors' } } }]);
    return grant;
  }

  describe('expiry', () => {
    beforeEach(async () => {
      clock = fakeClock();
      running = await startTestApp({}, { clock });
      dl = new DirectLineTestClient(running.baseUrl);
    });
    afterEach(async () => {
      await running.stop();
    });

    it('deletes the conversation and user state of every expired conversation, and keeps a live one', async function () {
      skipOnPostgres(this, 'counts rows in the SQLite file');
      const expiring = [await talkedTo(), await talkedTo(), await talkedTo()];
      const keys = expiring.flatMap(stateKeysOf);
      expect(countRows(sqliteDatabaseOf(running.app.storage), keys)).to.equal(6);

      clock.advance({ minutes: 31 }); // past the 30-minute idle timeout
      const live = await talkedTo(); // starting one sweeps the expired ones
      expect(await rowsBecome(() => countRows(sqliteDatabaseOf(running.app.storage), keys), 0)).to.equal(0);
      expect(countRows(sqliteDatabaseOf(running.app.storage), stateKeysOf(live))).to.equal(2);
    });
  });

  it('a clean stop forgets every conversation (they live in memory) and deletes their bot state', async function () {
    skipOnPostgres(this, 'with PostgreSQL conversations outlive the instance');
    const dataDir = makeTempDir();
    try {
      running = await startTestApp({ DATA_DIR: dataDir });
      dl = new DirectLineTestClient(running.baseUrl);
      const grants = [await talkedTo(), await talkedTo()];
      const keys = grants.flatMap(stateKeysOf);
      expect(countRows(sqliteDatabaseOf(running.app.storage), keys)).to.equal(4);
      await running.stop();
      const database = new Database(path.join(dataDir, 'lease-return.sqlite'), { readonly: true });
      try {
        expect(countRows(database, keys)).to.equal(0);
      } finally {
        database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
