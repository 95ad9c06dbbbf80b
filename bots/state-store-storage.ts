import type { Storage, StoreItems } from 'botbuilder';
import { z } from 'zod';
import type { StateStore } from '../src/storage/state-store.ts';

const storedItemSchema = z.record(z.string(), z.unknown());

/**
 * botbuilder's Storage over the project's StateStore (SQLite under DATA_DIR), so conversation and
 * user state survive a restart. eTags pass straight through: a write whose eTag no longer matches
 * fails with the store's ConflictError (`etag_mismatch`), as botbuilder's own storages do.
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
      const value = storedItemSchema.safeParse(document.value);
      if (value.success) items[key] = { ...value.data, eTag: document.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes).map(([key, item]) => {
      const parsed = storedItemSchema.parse(item);
      const { eTag, ...value } = parsed;
      return { key, item: parsed, write: { key: this.prefix + key, value, eTag: typeof eTag === 'string' ? eTag : undefined } };
    });
    const eTags = await this.store.write(entries.map((entry) => entry.write));
    // The saved object carries its new eTag, so a second save in the same turn is not a false conflict.
    for (const entry of entries) {
      const eTag = eTags[entry.write.key];
      const original: unknown = changes[entry.key];
      if (eTag !== undefined && typeof original === 'object' && original !== null) (original as { eTag?: string }).eTag = eTag;
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys.map((key) => this.prefix + key));
  }
}
