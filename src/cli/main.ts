/**
 * `npm run --silent cli -- <command> [arguments]`. Each command lives in its own file under commands/
 * and exports `run(args, io)`; its usage text is in usage.ts; this file only dispatches. Exit codes:
 * 0 done, 1 failure, 2 bad input. `--help` (or `-h`) after a command prints its usage and exits 0. A
 * `.env` file in the folder the CLI starts in is read first, as `npm start` does (the environment wins).
 */
import { loadDotEnv } from '../config.ts';
import { secretRedactor } from '../logger.ts';
import type { CliIo } from './cli-io.ts';
import { commandNames, usage, usages, type CommandName } from './usage.ts';

type Run = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<CommandName, () => Promise<{ run: Run }>> = {
  decide: () => import('./commands/decide.ts'),
  seed: () => import('./commands/seed.ts'),
  sms: () => import('./commands/sms.ts'),
  ask: () => import('./commands/ask.ts'),
  eval: () => import('./commands/eval.ts'),
  chat: () => import('./commands/chat.ts'),
  agents: () => import('./commands/agents.ts'),
  'teams-package': () => import('./commands/teams-package.ts'),
};

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';
const isCommand = (name: string | undefined): name is CommandName => commandNames.some((known) => known === name);

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(usage);
    return 2;
  }
  if (isHelp(name) || (name === 'help' && args.length === 0)) {
    process.stdout.write(usage);
    return 0;
  }
  const wanted = name === 'help' ? args[0] : name;
  if (!isCommand(wanted)) {
    process.stderr.write(`Unknown command "${wanted ?? ''}".\n${usage}`);
    return 2;
  }
  if (name === 'help' || args.some(isHelp)) {
    process.stdout.write(usages[wanted]);
    return 0;
  }
  loadDotEnv();
  const { run } = await commands[wanted]();
  return run(args, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A message may quote what an upstream said (a key it echoed): blank out credential shapes.
    process.stderr.write(`${secretRedactor()(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  },
);
