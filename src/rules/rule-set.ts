import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { RuleSetError } from '../errors.ts';
import {
  contactDirectoryFileSchema,
  parametersFileSchema,
  processSectionsFileSchema,
  ruleFileSchema,
  ruleSchema,
  singleValuedEventTypes,
  type Condition,
  type Contact,
  type ProcessSection,
  type RuleDefinition,
  type RuleParameters,
} from './rule-set-schema.ts';

/** Facts the decision service gives the engine for every evaluation (see decision-service.ts). */
export const inputFacts = [
  'state',
  'intent',
  'hasAvrmAccess',
  'daysBeforeMaturity',
  'normalMaturityWindowDays',
  'pickupBy',
  'proofOfSale',
  'billOfLading',
  'lesseeWantsToPurchase',
  'dealerWantsToPurchase',
] as const;

/** Facts that higher-priority rules add while the engine runs, for lower-priority rules to read. */
export const decidedFacts = [
  'termination',
  'isReturnQuote',
  'requiresProofOfResale',
  'holdHours',
  'startsImmediately',
  'notificationMethod',
  'inspectionAvailable',
  'etPreSaleLetter',
  'settlementLetter',
  'settlementAfterAuctionSale',
  'releaseAllowed',
  'missingDocument',
] as const;

const placeholderVariables = new Set(['stateName']);
const dataFiles = new Set(['contacts.json', 'process-sections.json', 'parameters.json']);

export interface RuleSet {
  readonly rules: readonly RuleDefinition[];
  readonly contacts: readonly Contact[];
  readonly sections: readonly ProcessSection[];
  readonly parameters: RuleParameters;
  /** A short hash of every file under rules/: stored with each decision so a case says which rules made it. */
  readonly version: string;
}

export function loadRuleSet(rulesDirectory: string): RuleSet {
  const fileNames = listJsonFiles(rulesDirectory);
  const hash = createHash('sha256');
  const read = (fileName: string): unknown => {
    const filePath = path.join(rulesDirectory, fileName);
    let text: string;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch {
      throw new RuleSetError(`${displayPath(rulesDirectory, fileName)}: file is missing or unreadable`);
    }
    hash.update(fileName).update('\0').update(text).update('\0');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new RuleSetError(`${displayPath(rulesDirectory, fileName)}: not valid JSON (${(error as Error).message})`);
    }
  };
  const parse = <T>(fileName: string, schema: z.ZodType<T>, value: unknown, what = ''): T => {
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new RuleSetError(`${displayPath(rulesDirectory, fileName)}${what}: ${where}${issue?.message ?? 'invalid'}`);
    }
    return result.data;
  };

  const sections = parse('process-sections.json', processSectionsFileSchema, read('process-sections.json')).sections;
  const contacts = parse('contacts.json', contactDirectoryFileSchema, read('contacts.json')).contacts;
  const parameters = parse('parameters.json', parametersFileSchema, read('parameters.json')).parameters;
  const sectionIds = new Set(sections.map((section) => section.id));
  const contactsById = new Map(contacts.map((contact) => [contact.id, contact]));
  assertUnique(
    sections.map((section) => section.id),
    (id) => `${displayPath(rulesDirectory, 'process-sections.json')}: section "${id}" appears twice`,
  );
  assertUnique(
    contacts.map((contact) => contact.id),
    (id) => `${displayPath(rulesDirectory, 'contacts.json')}: contact "${id}" appears twice`,
  );
  for (const contact of contacts) {
    if (!sectionIds.has(contact.source)) {
      throw new RuleSetError(`${displayPath(rulesDirectory, 'contacts.json')}: contact "${contact.id}": source "${contact.source}" is not a process section`);
    }
  }

  const knownFacts = new Set<string>([...inputFacts, ...decidedFacts]);
  const rules: RuleDefinition[] = [];
  const ruleFiles = fileNames.filter((name) => !dataFiles.has(name));
  if (ruleFiles.length === 0) throw new RuleSetError(`${rulesDirectory}: no rule files (*.json) found`);
  for (const fileName of ruleFiles) {
    const file = parse(fileName, ruleFileSchema, read(fileName));
    file.rules.forEach((candidate, index) => {
      const label = ruleLabel(candidate, index);
      const rule = parse(fileName, ruleSchema, candidate, `: rule ${label}`);
      const fail = (message: string): never => {
        throw new RuleSetError(`${displayPath(rulesDirectory, fileName)}: rule ${label}: ${message}`);
      };
      if (!sectionIds.has(rule.source)) fail(`source "${rule.source}" is not a process section`);
      for (const fact of factsIn(rule.conditions)) {
        if (!knownFacts.has(fact)) fail(`unknown fact "${fact}" (known: ${[...knownFacts].join(', ')})`);
      }
      for (const contactId of rule.event.params.contacts ?? []) {
        if (!contactsById.has(contactId)) fail(`unknown contact "${contactId}"`);
      }
      if (rule.event.type === 'notification' && rule.event.params.faxContact !== null) {
        if (contactsById.get(rule.event.params.faxContact)?.kind !== 'fax')
          fail(`faxContact "${rule.event.params.faxContact}" is not a fax entry in contacts.json`);
      }
      for (const step of rule.event.params.steps ?? []) {
        for (const placeholder of placeholdersIn(step.text)) {
          if (!contactsById.has(placeholder) && !placeholderVariables.has(placeholder)) fail(`step text uses unknown placeholder {{${placeholder}}}`);
        }
      }
      rules.push(rule);
    });
  }
  assertUnique(
    rules.map((rule) => rule.name),
    (name) => `${rulesDirectory}: rule "${name}" is defined twice`,
  );
  for (const type of singleValuedEventTypes) {
    if (!rules.some((rule) => rule.event.type === type)) throw new RuleSetError(`${rulesDirectory}: no rule decides "${type}"`);
  }

  return { rules, contacts, sections, parameters, version: hash.digest('hex').slice(0, 12) };
}

/** Every fact a condition reads, including facts compared against (`"value": { "fact": "..." }`). */
export function factsIn(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(factsIn);
  if ('any' in condition) return condition.any.flatMap(factsIn);
  if ('not' in condition) return factsIn(condition.not);
  const compared = typeof condition.value === 'object' && condition.value !== null && !Array.isArray(condition.value) ? [condition.value.fact] : [];
  return [condition.fact, ...compared];
}

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([a-zA-Z]+)\s*\}\}/g)].map((match) => match[1] ?? '');
}

function listJsonFiles(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    throw new RuleSetError(`${directory}: rules directory is missing or unreadable`);
  }
}

function ruleLabel(candidate: unknown, index: number): string {
  const name = typeof candidate === 'object' && candidate !== null && 'name' in candidate ? (candidate as { name: unknown }).name : undefined;
  return typeof name === 'string' ? `"${name}"` : `#${index + 1}`;
}

function assertUnique(values: string[], message: (duplicate: string) => string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new RuleSetError(message(value));
    seen.add(value);
  }
}

function displayPath(directory: string, fileName: string): string {
  return path.join(path.relative(process.cwd(), directory) || '.', fileName);
}
