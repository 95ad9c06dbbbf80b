import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Actor } from '../domain/actor.ts';
import { safeText } from '../domain/safe-text.ts';
import { NotFoundError } from '../errors.ts';
import { validationErrorFrom } from '../validation-errors.ts';
import { agentTokenPrefix, hashAgentToken, newAgentToken } from './agent-tokens.ts';

/** A phone-center agent as stored: never the token itself, only its hash. */
export interface AgentRecord {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What the registry needs from storage (sqlite-agent-repository.ts). */
export interface AgentRepository {
  create(agent: { name: string; tokenHash: string; createdAt: string }): Promise<AgentRecord>;
  list(): Promise<AgentRecord[]>;
  /** The agent, revoked or not; undefined when there is none with this id. */
  get(id: string): Promise<AgentRecord | undefined>;
  /** Marks the agent revoked (keeps the first revocation time); false when there is none with this id. */
  revoke(id: string, at: string): Promise<boolean>;
  /** The agent holding this token hash, only while it is not revoked. */
  findActiveByTokenHash(tokenHash: string): Promise<AgentRecord | undefined>;
}

export const agentNameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').check(safeText());
export const agentIdSchema = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,15}$/, 'is not an agent id (see agents list)');

/**
 * Named agents and their tokens (issue 15). `API_TOKEN` stays the administrator's; each agent has a
 * token of their own, shown once when added, so every change they make is recorded under their name,
 * and revoking one agent shuts out that agent alone, from the next request on.
 */
export class AgentRegistry {
  constructor(private readonly deps: { agents: AgentRepository; clock: Clock }) {}

  /** The new agent and its token: the only time the token exists outside the caller's hands. */
  async add(name: string): Promise<{ agent: AgentRecord; token: string }> {
    const parsed = agentNameSchema.safeParse(name);
    if (!parsed.success) throw validationErrorFrom(parsed.error, name, 'name');
    const token = newAgentToken();
    const agent = await this.deps.agents.create({ name: parsed.data, tokenHash: hashAgentToken(token), createdAt: this.nowIso() });
    return { agent, token };
  }

  list(): Promise<AgentRecord[]> {
    return this.deps.agents.list();
  }

  /** Revokes the agent's token; revoking it again changes nothing. NotFoundError for an unknown id. */
  async revoke(id: string): Promise<AgentRecord> {
    const parsed = agentIdSchema.safeParse(id);
    if (!parsed.success) throw validationErrorFrom(parsed.error, id, 'id');
    if (!(await this.deps.agents.revoke(parsed.data, this.nowIso()))) throw new NotFoundError(`No agent with id ${parsed.data}; agents list shows them.`, 'id');
    const agent = await this.deps.agents.get(parsed.data);
    if (!agent) throw new NotFoundError(`No agent with id ${parsed.data}; agents list shows them.`, 'id');
    return agent;
  }

  /** The actor a bearer token stands for, when it is a current agent's; read from the database each time, so a revocation counts at once. */
  async actorForToken(token: string): Promise<Actor | undefined> {
    // Bot Framework and Direct Line tokens also come as bearer tokens: only ours are looked up.
    if (!token.startsWith(agentTokenPrefix)) return undefined;
    const agent = await this.deps.agents.findActiveByTokenHash(hashAgentToken(token));
    return agent ? { kind: 'agent', agentId: agent.id, name: agent.name } : undefined;
  }

  private nowIso(): string {
    return this.deps.clock.now().toUTC().toISO({ suppressMilliseconds: true }) ?? '';
  }
}
