import type { AgentRecord, AgentRepository } from '../agents/agent-registry.ts';
import type { Database } from './database.ts';
import { guardStorage } from './storage-failure.ts';

interface AgentRow {
  id: number;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

/**
 * Agents and their token hashes. No cache: the server reads the hash on each request, so an agent
 * revoked from the CLI (another process, same database) is refused on the very next request.
 */
export class SqliteAgentRepository implements AgentRepository {
  private readonly insertAgent;
  private readonly selectAll;
  private readonly selectById;
  private readonly revokeById;
  private readonly selectActiveByHash;

  constructor(database: Database) {
    this.insertAgent = database.prepare<[string, string, string]>('INSERT INTO agents (name, token_hash, created_at) VALUES (?, ?, ?)');
    this.selectAll = database.prepare<[], AgentRow>('SELECT id, name, created_at, revoked_at FROM agents ORDER BY id');
    this.selectById = database.prepare<[number], AgentRow>('SELECT id, name, created_at, revoked_at FROM agents WHERE id = ?');
    this.revokeById = database.prepare<[string, number]>('UPDATE agents SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?');
    this.selectActiveByHash = database.prepare<[string], AgentRow>(
      'SELECT id, name, created_at, revoked_at FROM agents WHERE token_hash = ? AND revoked_at IS NULL',
    );
  }

  async create(agent: { name: string; tokenHash: string; createdAt: string }): Promise<AgentRecord> {
    return guardStorage(() => {
      const id = Number(this.insertAgent.run(agent.name, agent.tokenHash, agent.createdAt).lastInsertRowid);
      return { id: String(id), name: agent.name, createdAt: agent.createdAt, revokedAt: null };
    });
  }

  async list(): Promise<AgentRecord[]> {
    return guardStorage(() => this.selectAll.all().map(toAgent));
  }

  async get(id: string): Promise<AgentRecord | undefined> {
    return guardStorage(() => {
      const row = this.selectById.get(Number(id));
      return row ? toAgent(row) : undefined;
    });
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return guardStorage(() => this.revokeById.run(at, Number(id)).changes === 1);
  }

  async findActiveByTokenHash(tokenHash: string): Promise<AgentRecord | undefined> {
    return guardStorage(() => {
      const row = this.selectActiveByHash.get(tokenHash);
      return row ? toAgent(row) : undefined;
    });
  }
}

function toAgent(row: AgentRow): AgentRecord {
  return { id: String(row.id), name: row.name, createdAt: row.created_at, revokedAt: row.revoked_at };
}
