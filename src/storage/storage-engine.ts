import type { AgentRepository } from '../agents/agent-registry.ts';
import type { CaseQueries } from '../cases/case-finder.ts';
import type { CaseNoteRepository } from '../cases/case-notes.ts';
import type { StorageUnavailableError } from '../errors.ts';
import type { HandoffRepository } from '../handoffs/handoff-repository.ts';
import type { DealerUserRepository } from '../identity/dealer-user-repository.ts';
import type { NoticeRepository } from '../notices/notice-repository.ts';
import type { ConversationReferenceRepository } from './conversation-reference-repository.ts';
import type { CaseRepository, DealerRepository, SmsRepository } from './repositories.ts';
import type { StateStore } from './state-store.ts';

/**
 * Everything the services keep, behind the interfaces they already depend on. One engine per process:
 * SQLite under DATA_DIR (the embedded default, one process) or PostgreSQL at DATABASE_URL (several
 * instances on one database). Both pass the same contract tests (test/storage/contract/).
 */
export interface StorageRepositories {
  readonly dealers: DealerRepository;
  readonly cases: CaseRepository;
  readonly caseQueries: CaseQueries;
  readonly caseNotes: CaseNoteRepository;
  readonly agents: AgentRepository;
  readonly sms: SmsRepository;
  readonly dealerUsers: DealerUserRepository;
  readonly conversationReferences: ConversationReferenceRepository;
  readonly handoffs: HandoffRepository;
  readonly notices: NoticeRepository;
  readonly stateStore: StateStore;
}

export type StorageEngineKind = 'sqlite' | 'postgresql';

export interface StorageEngine {
  readonly kind: StorageEngineKind;
  readonly repositories: StorageRepositories;
  /** Undefined when the database can take a write now; otherwise why not (GET /readyz answers 503). */
  checkReady(): Promise<StorageUnavailableError | undefined>;
  /**
   * A secret every instance on this database shares, made once at random by the first to ask (PostgreSQL);
   * undefined on SQLite, whose one process keeps a key of its own for the run.
   */
  sharedSecret(name: string): Promise<string | undefined>;
  /** Stops background work (the WAL checkpointer) and closes the database or the pool. */
  close(): Promise<void>;
}
