import { AgentRegistry, type AgentRecord } from '../../agents/agent-registry.ts';
import { systemClock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { createLogger } from '../../logger.ts';
import { openStorage } from '../../storage/open-storage.ts';
import type { CliIo } from '../cli-io.ts';
import { usages } from '../usage.ts';

/**
 * `agents add "Name"` (prints the token once), `agents list`, `agents revoke <id>`. Works on DATA_DIR's
 * database directly, also while the server runs: the server reads agents on every request, so a new
 * token works and a revoked one is refused from the next request on.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const usageMistake = (message: string): number => {
    io.stderr.write(`${message}\n${usages.agents}`);
    return 2;
  };
  if (action !== 'add' && action !== 'list' && action !== 'revoke')
    return usageMistake(action === undefined ? 'Say what to do: add, list or revoke.' : `Unknown action "${action}".`);
  if (action === 'list' && rest.length > 0) return usageMistake(`Unknown argument "${rest[0] ?? ''}".`);
  if (action !== 'list' && rest.length !== 1)
    return usageMistake(
      action === 'add' ? 'Give the agent\'s name, in quotes: agents add "Dana Smith".' : 'Give the id of one agent (agents list shows them).',
    );

  const config = loadConfig(io.env);
  const storage = await openStorage(config, createLogger('silent'), 'command');
  try {
    const registry = new AgentRegistry({ agents: storage.repositories.agents, clock: systemClock });
    const argument = rest[0] ?? '';
    switch (action) {
      case 'add': {
        const { agent, token } = await registry.add(argument);
        io.stdout.write(`Added agent ${agent.id} (${agent.name}).\n`);
        io.stdout.write(`Token (shown only now; only its hash is stored): ${token}\n`);
        io.stdout.write(`Give it to ${agent.name} for the console and the API: Authorization: Bearer <token>.\n`);
        return 0;
      }
      case 'list': {
        const agents = await registry.list();
        io.stdout.write(agents.length === 0 ? 'No agents yet: agents add "Name" adds one.\n' : `${table(agents)}\n`);
        return 0;
      }
      case 'revoke': {
        const agent = await registry.revoke(argument);
        io.stdout.write(`Revoked agent ${agent.id} (${agent.name}) at ${agent.revokedAt ?? ''}: the token no longer works.\n`);
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof AppError) {
      io.stderr.write(`${error.message}\n`);
      return error.status === 404 ? 1 : 2;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

function table(agents: readonly AgentRecord[]): string {
  const rows = [['ID', 'NAME', 'CREATED', 'REVOKED'], ...agents.map((agent) => [agent.id, agent.name, agent.createdAt, agent.revokedAt ?? 'no'])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ')).join('\n');
}
