import { assert } from 'chai';
import type { AgentRepository } from '../../../src/agents/agent-registry.ts';
import { PgAgentRepository } from '../../../src/storage/postgres/pg-agent-repository.ts';
import { openPostgres } from '../../../src/storage/postgres/pg-database.ts';
import { PgSmsRepository } from '../../../src/storage/postgres/pg-sms-repository.ts';
import type { SmsMessage, SmsRepository } from '../../../src/storage/repositories.ts';
import { SqliteAgentRepository } from '../../../src/storage/sqlite-agent-repository.ts';
import { SqliteSmsRepository } from '../../../src/storage/sqlite-sms-repository.ts';
import { freshPostgresDatabase } from '../../support/postgres-cluster.ts';
import { forEachEngine, type EngineFixture } from './engines.ts';

/** SQLite's agent repository answers synchronously, PostgreSQL's with promises: tests await either. */
type AnyAgentRepository = AgentRepository | PgAgentRepository;

function agents(engine: EngineFixture): AnyAgentRepository {
  return engine.build<AnyAgentRepository>({
    sqlite: (database) => new SqliteAgentRepository(database),
    postgresql: (database) => new PgAgentRepository(database),
  });
}

function sms(engine: EngineFixture): SmsRepository {
  return engine.build<SmsRepository>({ sqlite: (database) => new SqliteSmsRepository(database), postgresql: (database) => new PgSmsRepository(database) });
}

function text(messageSid: string, from: string, body: string): SmsMessage {
  return { messageSid, from, body, receivedAt: '2026-03-02T15:00:00.000Z' };
}

forEachEngine('agents', (engine) => {
  it('adds agents with increasing ids, lists them in that order and gets one by id', async () => {
    const repository = agents(engine());
    const dana = await repository.create({ name: 'Dana Smith', tokenHash: 'hash-dana', createdAt: '2026-03-01T10:00:00Z' });
    const lee = await repository.create({ name: 'Lee Park', tokenHash: 'hash-lee', createdAt: '2026-03-01T11:00:00Z' });
    assert.deepEqual(dana, { id: dana.id, name: 'Dana Smith', createdAt: '2026-03-01T10:00:00Z', revokedAt: null });
    assert.match(dana.id, /^[1-9]\d*$/);
    assert.isAbove(Number(lee.id), Number(dana.id));
    const listed = await repository.list();
    assert.deepEqual(
      listed.filter((agent) => agent.id === dana.id || agent.id === lee.id),
      [dana, lee],
    );
    assert.deepEqual(await repository.get(lee.id), lee);
    assert.isUndefined(await repository.get('9999999'));
  });

  it('finds an agent by token hash until it is revoked; revoking keeps the first time and refuses unknown ids', async () => {
    const repository = agents(engine());
    const agent = await repository.create({ name: 'Sam Ortiz', tokenHash: 'hash-sam', createdAt: '2026-03-01T10:00:00Z' });
    assert.deepEqual(await repository.findActiveByTokenHash('hash-sam'), agent);
    assert.isUndefined(await repository.findActiveByTokenHash('hash-nobody'));
    assert.isTrue(await repository.revoke(agent.id, '2026-03-02T09:00:00Z'));
    assert.isUndefined(await repository.findActiveByTokenHash('hash-sam'), 'refused from the next request on');
    assert.isUndefined(await agents(engine()).findActiveByTokenHash('hash-sam'), 'by every repository on the database');
    assert.isTrue(await repository.revoke(agent.id, '2026-03-03T09:00:00Z'), 'revoking again is not an error');
    assert.equal((await repository.get(agent.id))?.revokedAt, '2026-03-02T09:00:00Z', 'the first revocation time is kept');
    assert.isFalse(await repository.revoke('9999999', '2026-03-02T09:00:00Z'));
  });
});

forEachEngine('SMS messages and opt-outs', (engine) => {
  it('answers a MessageSid once: a repeat changes nothing, not even the opt-out it asks for', async () => {
    const repository = sms(engine());
    assert.isFalse(await repository.isOptedOut('+16145550100'));
    assert.isTrue(await repository.recordAnswer(text('SM-stop', '+16145550100', 'STOP'), 'You are unsubscribed.', { optedOut: true }));
    assert.isTrue(await repository.isOptedOut('+16145550100'));
    assert.isFalse(await repository.recordAnswer(text('SM-stop', '+16145550100', 'START'), 'Welcome back.', { optedOut: false }));
    assert.isTrue(await repository.isOptedOut('+16145550100'), 'the repeated MessageSid did not opt the phone back in');
    assert.isTrue(await repository.recordAnswer(text('SM-start', '+16145550100', 'START'), 'Welcome back.', { optedOut: false }));
    assert.isFalse(await repository.isOptedOut('+16145550100'));
    assert.isFalse(await repository.isOptedOut('+16145550199'), 'other phones are untouched');
  });

  it('stores a message without a reply and without an opt-out change', async () => {
    const repository = sms(engine());
    assert.isTrue(await repository.recordAnswer(text('SM-quiet', '+16145550101', 'status 042788'), null));
    assert.isFalse(await repository.isOptedOut('+16145550101'));
    const [row] = await engine().sql('SELECT from_phone, body, reply FROM sms_messages WHERE message_sid = $1', ['SM-quiet']);
    assert.deepEqual({ ...row }, { from_phone: '+16145550101', body: 'status 042788', reply: null });
  });

  it('answers a MessageSid delivered to two instances at once exactly once', async () => {
    // Two app instances over one database: two pools on PostgreSQL, two repositories on one connection for SQLite.
    let first: SmsRepository;
    let second: SmsRepository;
    let close = async (): Promise<void> => undefined;
    if (engine().kind === 'sqlite') {
      first = sms(engine());
      second = sms(engine());
    } else {
      const url = await freshPostgresDatabase('sms');
      const firstPool = await openPostgres(url, { poolSize: 4 });
      const secondPool = await openPostgres(url, { poolSize: 4 });
      first = new PgSmsRepository(firstPool);
      second = new PgSmsRepository(secondPool);
      close = async () => {
        await firstPool.close();
        await secondPool.close();
      };
    }
    try {
      const deliveries = [first, second, first, second, first, second].map((repository, index) =>
        // Each delivery would set the opt-out its own way: only the one that is answered may.
        repository.recordAnswer(text('SM-twice', '+16145550102', 'STOP'), `reply ${index}`, { optedOut: index % 2 === 0 }),
      );
      const answered = await Promise.all(deliveries);
      assert.equal(answered.filter(Boolean).length, 1, 'one delivery answered, the others refused');
      const winner = answered.indexOf(true);
      assert.equal(await second.isOptedOut('+16145550102'), winner % 2 === 0, 'the opt-out of the answered delivery, and only that one');
      assert.isFalse(await first.recordAnswer(text('SM-twice', '+16145550102', 'STOP'), 'late', { optedOut: false }));
    } finally {
      await close();
    }
  });
});
