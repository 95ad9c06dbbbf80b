import type { Storage, StoreItems } from 'botbuilder';
import { z } from 'zod';
import type { ProcessedActivity, StateStore } from '../src/storage/state-store.ts';

const storedItemSchema = z.record(z.string(), z.unknown());

/**
 * What a turn read, kept on the very object botbuilder caches for the turn and hands back to `write`
 * (BotState.load caches `items[key]` in turn state; saveChanges writes that object back after setting
 * its `eTag` to '*'). A symbol key: invisible to JSON, to botbuilder's change hash and to the dialogs.
 */
const readMark = Symbol('readMark');

interface ReadMark {
  /** The version read; the save must find it still there. */
  eTag: string;
  /** The value as read, to tell whether the turn changed it. */
  json: string;
}

type MarkedItem = Record<string, unknown> & { [readMark]?: ReadMark };

/** A state object to save; `json` is its value as JSON when already computed. */
interface Entry {
  key: string;
  item: MarkedItem;
  json?: string;
}

export interface TurnStateItem {
  key: string;
  /** The turn's cached state object (BotState.get), undefined when the turn never loaded it. */
  item: object | undefined;
}

/**
 * botbuilder's Storage over the project's StateStore (SQLite under DATA_DIR), so conversation and
 * user state survive a restart.
 *
 * Saves are conditional on what the turn read, whatever eTag botbuilder passes (it always passes '*'):
 * an object read at version N is saved only if the document is still at N, and an object the turn did
 * not read from storage (botbuilder's `{}` for a missing document) only if there is still no document.
 * So of two overlapping turns of one conversation (two processes, or a retry) the later save fails
 * with the store's ConflictError (`etag_mismatch`) instead of erasing an answer already acknowledged.
 * (BotState.clear() also hands back an unread `{}`: saving it over an existing document is refused;
 * the bot does not use clear.)
 */
export class StateStoreStorage implements Storage {
  constructor(
    private readonly store: StateStore,
    /** Keeps bot documents apart from other users of the same store. */
    private readonly prefix = 'bot:',
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const documents = await this.store.read(keys.map((key) => this.prefix + key));
    const items: StoreItems = {};
    for (const key of keys) {
      const document = documents[this.prefix + key];
      if (!document) continue;
      // A document that is not an object (written by hand) reads as empty at its version, so the turn can replace it.
      const parsed = storedItemSchema.safeParse(document.value);
      const value = parsed.data ?? {};
      const item: MarkedItem = { ...value, eTag: document.eTag };
      // The stored text is what JSON.stringify wrote for this very value (a hand-written document with
      // other spacing only reads as changed, and is written once): no need to write it out again.
      item[readMark] = { eTag: document.eTag, json: parsed.success && document.json !== undefined ? document.json : JSON.stringify(value) };
      items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.save(Object.entries(changes).map(([key, item]) => ({ key, item: asItem(item) })));
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys.map((key) => this.prefix + key));
  }

  /**
   * The end of a turn: the state objects the turn changed, and the record of the activity it answered,
   * in one transaction. Unchanged objects are not written (and so cannot conflict).
   */
  async saveTurn(states: readonly TurnStateItem[], processed?: ProcessedActivity): Promise<void> {
    const changed: Entry[] = [];
    for (const { key, item } of states) {
      if (item === undefined) continue;
      const marked = asItem(item);
      const json = JSON.stringify(storedValueOf(marked));
      const read = marked[readMark];
      if (read === undefined ? json !== '{}' : json !== read.json) changed.push({ key, item: marked, json });
    }
    await this.save(changed, processed);
  }

  /**
   * Deletes what the turn read, unless another turn saved since (then that newer state stands: it is
   * not what failed). A document the turn never loaded is deleted outright. True when something was deleted.
   */
  async deleteRead(key: string, item: object | undefined): Promise<boolean> {
    if (item === undefined) {
      await this.store.delete([this.prefix + key]);
      return true;
    }
    const read = asItem(item)[readMark];
    return read === undefined ? false : this.store.deleteIfUnchanged(this.prefix + key, read.eTag);
  }

  /** The recorded answer to an activity of this conversation, if any. */
  async findProcessed(conversationKey: string, activityId: string): Promise<ProcessedActivity | undefined> {
    return this.store.findProcessed(conversationKey, activityId);
  }

  private async save(entries: readonly Entry[], processed?: ProcessedActivity): Promise<void> {
    if (entries.length === 0 && processed === undefined) return;
    const writes = entries.map(({ key, item, json }) => {
      const value = storedValueOf(item);
      return { key: this.prefix + key, value, eTag: item[readMark]?.eTag ?? null, json: json ?? JSON.stringify(value), item };
    });
    const eTags = await this.store.write(writes, processed);
    // The saved object now stands for the new version, so a second save in the same turn is not a false conflict.
    for (const write of writes) {
      const eTag = eTags[write.key];
      if (eTag === undefined) continue;
      write.item.eTag = eTag;
      write.item[readMark] = { eTag, json: write.json };
    }
  }
}

function asItem(item: unknown): MarkedItem {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new TypeError('A bot state item must be an object.');
  return item as MarkedItem;
}

/** The stored value: the item without botbuilder's eTag (the symbol mark never reaches JSON). */
function storedValueOf(item: MarkedItem): Record<string, unknown> {
  const { eTag: _eTag, ...value } = item;
  return value;
}
