import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConversationState, TurnContext, TestAdapter } from 'botbuilder';
import { StateStoreStorage } from '../../bots/state-store-storage.ts';
import { TurnQueue } from '../../bots/turn-queue.ts';
import { ConflictError } from '../../src/errors.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { SqliteStateStore } from '../../src/storage/sqlite-state-store.ts';
import { makeTempDir } from '../support/test-app.ts';
import { rmSync } from 'node:fs';

describe('TurnQueue.run()', () => {
  it('runs the turns of one conversation one at a time, in arrival order, even when they await I/O', async () => {
    const queue = new TurnQueue();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const turn = (name: string, ms: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      running -= 1;
    };
    await Promise.all([queue.run('c1', turn('a', 15)), queue.run('c1', turn('b', 1)), queue.run('c1', turn('c', 5))]);
    expect(most).to.equal(1);
    expect(log).to.deep.equal(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.busy).to.equal(0);
  });

  it('runs different conversations in parallel', async () => {
    const queue = new TurnQueue();
    let running = 0;
    let most = 0;
    const turn = async () => {
      running += 1;
      most = Math.max(most, running);
      await sleep(10);
      running -= 1;
    };
    await Promise.all(['c1', 'c2', 'c3'].map((key) => queue.run(key, turn)));
    expect(most).to.equal(3);
  });

  it('a failed turn does not block the next one of the same conversation', async () => {
    const queue = new TurnQueue();
    const failed = queue.run('c1', async () => {
      throw new Error('boom');
    });
    const next = queue.run('c1', async () => 'ran');
    const reason = await failed.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((reason as Error).message).to.equal('boom');
    expect(await next).to.equal('ran');
  });
});

describe('StateStoreStorage', () => {
  let dataDir: string;
  let close: () => void;
  let storage: StateStoreStorage;
  beforeEach(() => {
    dataDir = makeTempDir();
    const database = openDatabase(dataDir);
    close = () => database.close();
    storage = new StateStoreStorage(new SqliteStateStore(database));
  });
  afterEach(() => {
    close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('round-trips documents with eTags and rejects a stale eTag (what unserialized turns would hit)', async () => {
    await storage.write({ k: { value: 1 } });
    const first = await storage.read(['k']);
    const second = await storage.read(['k']);
    await storage.write({ k: { ...first.k, value: 2 } });
    let error: unknown;
    try {
      await storage.write({ k: { ...second.k, value: 3 } });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ConflictError);
    expect((error as ConflictError).code).to.equal('etag_mismatch');
    expect((await storage.read(['k'])).k.value).to.equal(2);
  });

  it('refuses the later of two overlapping turns, though botbuilder saves with eTag "*": for a new and for an existing document', async () => {
    const state = new ConversationState(storage);
    const count = state.createProperty<number>('count');
    const contextFor = (): TurnContext =>
      new TurnContext(new TestAdapter(), {
        type: 'message',
        channelId: 'test',
        conversation: { id: 'c', isGroup: false, conversationType: '', name: '' },
        from: { id: 'u', name: '' },
        recipient: { id: 'b', name: '' },
        serviceUrl: 'http://x',
      });
    const isConflict = (error: unknown): boolean => error instanceof ConflictError && error.code === 'etag_mismatch';
    for (const [early, late] of [
      [1, 2],
      [3, 4],
    ] as const) {
      const one = contextFor();
      const two = contextFor();
      await state.load(one);
      await state.load(two);
      await count.set(one, early);
      await count.set(two, late);
      await state.saveChanges(two);
      let refused: unknown;
      await state.saveChanges(one).catch((error: unknown) => (refused = error));
      expect(isConflict(refused), `turn saving ${early} is refused`).to.equal(true);
      expect((await storage.read(['test/conversations/c/']))['test/conversations/c/']?.count).to.equal(late);
    }
  });

  it('backs botbuilder ConversationState, saving twice in one turn without a false conflict', async () => {
    const state = new ConversationState(storage);
    const property = state.createProperty<number>('count');
    const context = new TurnContext(new TestAdapter(), {
      type: 'message',
      channelId: 'test',
      conversation: { id: 'c', isGroup: false, conversationType: '', name: '' },
      from: { id: 'u', name: '' },
      recipient: { id: 'b', name: '' },
      serviceUrl: 'http://x',
    });
    await state.load(context);
    await property.set(context, 1);
    await state.saveChanges(context);
    await property.set(context, 2);
    await state.saveChanges(context);
    const stored = await storage.read(['test/conversations/c/']);
    expect(stored['test/conversations/c/']?.count).to.equal(2);
    await storage.delete(['test/conversations/c/']);
    expect(await storage.read(['test/conversations/c/'])).to.deep.equal({});
  });
});
