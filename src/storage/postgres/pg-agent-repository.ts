import type { AgentRecord, AgentRepository } from '../../agents/agent-registry.ts';
import type { PgDatabase } from './pg-database.ts';

interface AgentRow {
  id: number;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

/** An id as agents list shows it; anything else names no agent (and would not cast to BIGINT). */
const agentIdPattern = /^[1-9]\d{0,15}$/;

/**
 * Agents and their token hashes; twin of SqliteAgentRepository. No cache: each request reads the hash, so
 * an agent revoked from the CLI or on another instance is refused on the very next request.
 */
export class PgAgentRepository implements AgentRepository {
  constructor(private readonly database: PgDatabase) {}

  async create(agent: { name: string; tokenHash: string; createdAt: string }): Promise<AgentRecord> {
    const [row] = await this.database.rows<{ id: number }>('INSERT INTO agents (name, token_hash, created_at) VALUES ($1, $2, $3) RETURNING id', [
      agent.name,
      agent.tokenHash,
      agent.createdAt,
    ]);
    if (!row) throw new Error('INSERT … RETURNING returned no agent id');
    return { id: String(row.id), name: agent.name, createdAt: agent.createdAt, revokedAt: null };
  }

  async list(): Promise<AgentRecord[]> {
    return (await this.database.rows<AgentRow>('SELECT id, name, created_at, revoked_at FROM agents ORDER BY id')).map(toAgent);
  }

  async get(id: string): Promise<AgentRecord | undefined> {
    if (!agentIdPattern.test(id)) return undefined;
    const [row] = await this.database.rows<AgentRow>('SELECT id, name, created_at, revoked_at FROM agents WHERE id = $1', [id]);
    return row ? toAgent(row) : undefined;
  }

  /** The first revocation time is kept: revoking twice (two instances, or a retried request) changes nothing. */
  async revoke(id: string, at: string): Promise<boolean> {
    if (!agentIdPattern.test(id)) return false;
    const rows = await this.database.rows<{ id: number }>('UPDATE agents SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING id', [at, id]);
    return rows.length === 1;
  }

  async findActiveByTokenHash(tokenHash: string): Promise<AgentRecord | undefined> {
    const [row] = await this.database.rows<AgentRow>('SELECT id, name, created_at, revoked_at FROM agents WHERE token_hash = $1 AND revoked_at IS NULL', [
      tokenHash,
    ]);
    return row ? toAgent(row) : undefined;
  }
}

function toAgent(row: AgentRow): AgentRecord {
  return { id: String(row.id), name: row.name, createdAt: row.created_at, revokedAt: row.revoked_at };
}
