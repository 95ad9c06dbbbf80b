import { StorageUnavailableError } from '../errors.ts';
import { storageMessages } from './storage-messages.ts';

/**
 * SQLite result codes that say the storage itself failed, not the request: a full disk, a database busy
 * or locked by another connection beyond busy_timeout, or a file that is read-only, unreadable or
 * damaged. Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED, ...)
 * share their primary code's prefix. Constraint violations and SQL mistakes are not here: those are bugs
 * or conflicts, and stay what they are.
 */
const fullCode = /^SQLITE_FULL(_|$)/;
const unavailableCode = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|CORRUPT|NOTADB|CANTOPEN|PROTOCOL)(_|$)/;

/** The SQLite code of a better-sqlite3 error (e.g. "SQLITE_FULL"), if `error` is one. */
function sqliteCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * Turns a storage failure into a StorageUnavailableError (503 with Retry-After), and returns any other
 * error unchanged: `catch (error) { throw toStorageFailure(error); }`. Every repository and store uses
 * it, so a full disk or a locked database never becomes a 500. Callers that map other SQLite codes
 * (unique violations to ConflictError) do that first.
 */
export function toStorageFailure(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  const code = sqliteCodeOf(error);
  if (code === undefined) return error;
  if (fullCode.test(code)) return new StorageUnavailableError('storage_full', storageMessages.full, { cause: error });
  if (unavailableCode.test(code)) return new StorageUnavailableError('storage_unavailable', storageMessages.unavailable, { cause: error });
  return error;
}

/** Runs one synchronous storage operation, with its failures mapped by `toStorageFailure`. */
export function guardStorage<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw toStorageFailure(error);
  }
}
