import { createHash, randomBytes } from 'node:crypto';

/** Agent tokens start with this, so one found in a log or a paste is recognizable (and redactable). */
export const agentTokenPrefix = 'lra_agent_';

/** 32 random bytes: guessing one is hopeless, so a plain SHA-256 (no salt, no stretching) is enough to store. */
export function newAgentToken(): string {
  return `${agentTokenPrefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored and looked up. A lookup by hash compares no secret byte by byte, so its timing tells
 * nothing about the token.
 */
export function hashAgentToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
