import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Contact, ProcessSection } from '../rules/rule-set-schema.ts';
import type { ConsoleBundle } from './console-bundle.ts';
import type { ConsoleBoot } from './web/api-types.ts';

const templatePath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'index.html');

export interface ConsolePageInput {
  bundle: ConsoleBundle;
  tokenRequired: boolean;
  rulesVersion: string;
  sections: readonly ProcessSection[];
  contacts: readonly Contact[];
}

/**
 * The page, filled in once at start: asset names (hashed, so they cache for good) and the boot data the
 * script needs before its first paint. The process sections are public process text, not case data, so
 * they and the contact directory may sit in the page even when the API needs a token.
 */
export function renderConsolePage(input: ConsolePageInput): string {
  const boot: ConsoleBoot = {
    tokenRequired: input.tokenRequired,
    rulesVersion: input.rulesVersion,
    sections: input.sections.map(({ id, title, text }) => ({ id, title, text })),
    directory: input.contacts.flatMap((contact) =>
      contact.kind === 'phone'
        ? [{ id: contact.id, name: contact.name, phone: contact.phone, ...(contact.option === undefined ? {} : { option: contact.option }) }]
        : [],
    ),
  };
  const values: Record<string, string> = {
    script: input.bundle.script.name,
    style: input.bundle.style.name,
    boot: jsonForScriptTag(boot),
  };
  return readFileSync(templatePath, 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** JSON that can't close its <script> element or start an HTML comment, whatever the text holds. */
function jsonForScriptTag(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
