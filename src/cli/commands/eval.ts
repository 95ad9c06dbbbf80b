import { loadConfig } from '../../config.ts';
import { createAnswerService } from '../../knowledge/create-answer-service.ts';
import { defaultQuestionsPath, formatReport, loadEvalQuestions, runEval, type EvalReport } from '../../knowledge/eval/eval-runner.ts';
import { createLogger } from '../../logger.ts';
import { evalParts, loadEvalPart, type EvalPart } from '../../understanding/eval/eval-item-schema.ts';
import { formatUnderstandingReport, runUnderstandingEval, type UnderstandingReport } from '../../understanding/eval/eval-runner.ts';
import { interpretMessage } from '../../understanding/index.ts';
import { DecisionService } from '../../rules/decision-service.ts';
import { loadRuleSet } from '../../rules/rule-set.ts';
import type { CliIo } from '../cli-io.ts';
import { usages } from '../usage.ts';

/**
 * `eval [--questions FILE] [--part tuning|held-out] [--failures] [--json]`: first the grounded-answers
 * question set, then the understanding eval (issue 13) on its tuning and held-out parts. `--failures`
 * lists what went wrong on the tuning part only: the held-out part is scored, never read while tuning.
 *
 * Grounded answers: `eval [--questions FILE] [--json]`: asks the question set and prints the scores. Extractive mode
 * unless OPENAI_API_KEY is set (then whatever endpoint is configured is evaluated). Exits 1 when a
 * number or a citation is wrong, or an out-of-scope answer carries a number other than the Dealer
 * Service Center's (the one number it is meant to give); in extractive mode also
 * when the out-of-scope answers are not exactly the out-of-scope questions.
 */

export async function run(args: string[], io: CliIo): Promise<number> {
  const fileIndex = args.indexOf('--questions');
  const file = fileIndex === -1 ? defaultQuestionsPath : args[fileIndex + 1];
  if (!file) {
    io.stderr.write(usages.eval);
    return 2;
  }
  const config = loadConfig(io.env);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr, config.secrets);
  const ruleSet = loadRuleSet(config.rulesDir);
  const decisions = new DecisionService(ruleSet);
  const service = createAnswerService({ config, decisions, logger });
  const report = await runEval(service, loadEvalQuestions(file), { sections: ruleSet.sections, directory: decisions.directory });
  const partIndex = args.indexOf('--part');
  const partArg = partIndex === -1 ? undefined : args[partIndex + 1];
  if (partIndex !== -1 && !evalParts.includes(partArg as EvalPart)) {
    io.stderr.write(usages.eval);
    return 2;
  }
  const parts: readonly EvalPart[] = partArg === undefined ? evalParts : [partArg as EvalPart];
  const understanding: [EvalPart, UnderstandingReport][] = [];
  for (const part of parts) {
    understanding.push([part, await runUnderstandingEval(loadEvalPart(part), { interpret: interpretMessage, answers: service, contacts: ruleSet.contacts })]);
  }
  if (args.includes('--json')) {
    io.stdout.write(
      `${JSON.stringify(
        {
          ...report,
          results: report.results.map((result) => ({ id: result.question.id, answer: result.answer, failures: result.failures })),
          understanding: Object.fromEntries(understanding.map(([part, partReport]) => [part, { ...partReport, results: undefined }])),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout.write(`Grounded answers eval (${service.mode} mode${config.openai ? `, model ${config.openai.model}` : ''})\n\n${formatReport(report)}\n`);
    for (const [part, partReport] of understanding) {
      io.stdout.write(`\n${formatUnderstandingReport(part, partReport, part === 'tuning' && args.includes('--failures'))}\n`);
    }
  }
  const noWrongNumbers = understanding.every(([, partReport]) => partReport.wrongNumbers === 0 && partReport.errors === 0);
  return passes(report, service.mode) && noWrongNumbers ? 0 : 1;
}

export function passes(report: EvalReport, mode: 'extractive' | 'llm'): boolean {
  const complete = (ratio: { passed: number; total: number }): boolean => ratio.passed === ratio.total;
  const grounded = complete(report.numbers) && complete(report.citations) && report.outOfScopeWithOtherNumbers === 0;
  if (mode === 'llm') return grounded;
  return grounded && complete(report.outOfScopePrecision) && complete(report.outOfScopeRecall);
}
