/**
 * `npm run --silent cli -- <command> [arguments]`. Each command lives in its own file under commands/
 * and exports `run(args, io)`; this file only dispatches. Exit codes: 0 done, 1 failure, 2 bad input.
 */
import type { CliIo } from './cli-io.ts';

const commands: Record<string, { summary: string; load: () => Promise<{ run: (args: string[], io: CliIo) => Promise<number> }> }> = {
  decide: { summary: 'decide FILE.json|-          print the decision (with trace) for a return', load: () => import('./commands/decide.ts') },
  seed: { summary: 'seed                        store a sample dealer and return case in DATA_DIR (npm run seed)', load: () => import('./commands/seed.ts') },
  sms: { summary: 'sms "STATUS <VIN>" --from +1...  send a (signed) Twilio-style text to the server, print the reply', load: () => import('./commands/sms.ts') },
  ask: { summary: 'ask "question" [--json]      a short, cited answer about the lease-return process', load: () => import('./commands/ask.ts') },
  eval: { summary: 'eval [--questions FILE]     score the grounded answers on the eval question set', load: () => import('./commands/eval.ts') },
  chat: { summary: 'chat [--url URL] [--conversation ID]  talk to the bot in the terminal (npm run chat)', load: () => import('./commands/chat.ts') },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `Unknown command "${name}".\n` : ''}Usage: npm run --silent cli -- <command>\n${Object.values(commands).map((c) => `  ${c.summary}`).join('\n')}\n`);
    return 2;
  }
  const module = await command.load();
  return module.run(args, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
