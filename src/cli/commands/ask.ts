import { loadConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { toErrorResponse } from '../../http/error-response.ts';
import { createAnswerService } from '../../knowledge/create-answer-service.ts';
import { createLogger } from '../../logger.ts';
import { DecisionService } from '../../rules/decision-service.ts';
import { loadRuleSet } from '../../rules/rule-set.ts';
import type { CliIo } from '../cli-io.ts';
import { usages } from '../usage.ts';

/** `ask "question" [--json]`: the same answer the API gives, readable (or as JSON); bad input → stderr, exit 2. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const question = args
    .filter((arg) => arg !== '--json')
    .join(' ')
    .trim();
  if (!question) {
    io.stderr.write(usages.ask);
    return 2;
  }
  const config = loadConfig(io.env);
  // Logs (an LLM fallback, for instance) go to stderr so stdout stays the answer.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr, config.secrets);
  const decisions = new DecisionService(loadRuleSet(config.rulesDir), { cacheSize: 0 });
  const service = createAnswerService({ config, decisions, logger });
  try {
    const answer = await service.answer({ question });
    if (json) {
      io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
      return 0;
    }
    const lines = [answer.answer, ''];
    for (const citation of answer.citations) lines.push(`  [${citation.section}] ${citation.text}`);
    const assumed = Object.entries(answer.assumedFacts ?? {}).map(([fact, value]) => `${fact} ${String(value)}`);
    const decided = answer.ruling ? `, decided by the rules${assumed.length > 0 ? ` (assuming ${assumed.join(', ')})` : ''}` : '';
    lines.push('', `(${answer.mode}${answer.outOfScope ? ', out of scope' : ''}${decided})`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.stderr.write(`${JSON.stringify(toErrorResponse(error).body)}\n`);
    return 2;
  }
}
