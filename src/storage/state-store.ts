/**
 * A store of JSON documents with eTags: optimistic concurrency for state that several turns may
 * write (conversation and user state of the bot). The bot adapts this to botbuilder's Storage
 * interface in bots/; services depend on this interface, never on SQLite.
 */
export interface StoredDocument {
  value: unknown;
  eTag: string;
}

export interface DocumentWrite {
  key: string;
  value: unknown;
  /** The eTag read earlier; the write fails with a ConflictError if the stored one differs. '*' or absent: last write wins. */
  eTag?: string | undefined;
}

export interface StateStore {
  read(keys: readonly string[]): Promise<Record<string, StoredDocument>>;
  /** All writes or none; a ConflictError (code `etag_mismatch`) names the key whose eTag did not match. */
  write(writes: readonly DocumentWrite[]): Promise<Record<string, string>>;
  delete(keys: readonly string[]): Promise<void>;
}
