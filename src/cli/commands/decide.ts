import { readFile } from 'node:fs/promises';
import { loadConfig } from '../../config.ts';
import { decisionRequestSchema } from '../../domain/decision-request.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { toErrorResponse } from '../../http/error-response.ts';
import { validationErrorFrom } from '../../validation-errors.ts';
import { DecisionService } from '../../rules/decision-service.ts';
import { loadRuleSet } from '../../rules/rule-set.ts';
import { readAll, type CliIo } from '../cli-io.ts';
import { usages } from '../usage.ts';

/** `decide FILE.json` or `decide -` (stdin): the same JSON the API answers; bad input → stderr, exit 2. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const source = args[0];
  if (!source) {
    io.stderr.write(usages.decide);
    return 2;
  }
  let text: string;
  try {
    text = source === '-' ? await readAll(io.stdin) : await readFile(source, 'utf8');
  } catch {
    io.stderr.write(`Cannot read ${source}.\n`);
    return 2;
  }
  const fail = (error: unknown): number => {
    io.stderr.write(`${JSON.stringify(toErrorResponse(error).body)}\n`);
    return 2;
  };
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    return fail(new ValidationError(`The input is not valid JSON: ${(error as Error).message}.`, null, 'malformed_json'));
  }
  const parsed = decisionRequestSchema.safeParse(json);
  if (!parsed.success) return fail(validationErrorFrom(parsed.error, json));
  const config = loadConfig(io.env);
  const service = new DecisionService(loadRuleSet(config.rulesDir), { cacheSize: 0 });
  try {
    io.stdout.write(`${JSON.stringify(await service.decide(parsed.data), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    throw error;
  }
}
