/** What storage says to the people it refuses: API clients (in 503 bodies) and operators (in start-up lines). */
export const storageMessages = {
  full: 'The server has run out of disk space for its database, so nothing was saved. Please try again later.',
  unavailable: 'The database is busy or cannot be used right now, so the request was not completed. Please try again shortly.',
  notReady: {
    storage_full: 'The database cannot take a write: the disk that holds it is full.',
    storage_unavailable: 'The database cannot take a write: it is busy, locked, read-only or damaged.',
  },
  dataDirInUse: (dataDir: string) => `another Lease Return Assistant process is using "${dataDir}"; stop that process first, or give this one its own DATA_DIR`,
  damaged: (file: string, problem: string) => `the database file "${file}" is damaged (${problem}); restore it from a backup, or move it aside to start empty`,
};
