import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isUsStateCode, type UsStateCode } from '../domain/us-states.ts';

/**
 * Every US town of at least 1,000 people and the states it is in (us-towns.json, built by scripts/build-us-towns.ts
 * from the GeoNames gazetteer), so "a chevy store in kenosha" or "we're up in scranton" tells the dealership's state
 * without a list of towns written by hand. Read once, on first use.
 */
// (Plain string checks, with the codes kept to real states after: a refinement per entry would triple the load time.)
const townsFileSchema = z.strictObject({
  $comment: z.string(),
  main: z.record(z.string(), z.tuple([z.string().regex(/^[A-Z]{2}$/), z.number().int().nonnegative()])),
  states: z.record(z.string(), z.string().regex(/^[A-Z]{2}(?: [A-Z]{2})*$/)),
});

/** The state a town's name means on its own, and how many people live in that town. */
export interface MainState {
  readonly code: UsStateCode;
  readonly population: number;
}

interface Towns {
  readonly main: ReadonlyMap<string, MainState>;
  readonly states: ReadonlyMap<string, string>;
  readonly longestName: number;
}

let towns: Towns | undefined;

function loaded(): Towns {
  if (towns) return towns;
  const file = townsFileSchema.parse(JSON.parse(readFileSync(new URL('./us-towns.json', import.meta.url), 'utf8')) as unknown);
  // (Each town's states stay one string, "CT MA DE", split only when asked.)
  const states = new Map(Object.entries(file.states));
  towns = {
    main: new Map(Object.entries(file.main).flatMap(([name, [code, population]]) => (isUsStateCode(code) ? [[name, { code, population }] as const] : []))),
    states,
    longestName: Math.max(...[...states.keys()].map((name) => name.split(' ').length)),
  };
  return towns;
}

/** A town name in lower case, spaced and without dots, as the gazetteer spells it ("st. louis" → "st louis"). */
export function townKey(words: string): string {
  return words.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

/** The state a town's name means on its own (Kenosha → WI, Columbus → OH), or none when several are as likely. */
export function mainStateOfTown(name: string): MainState | undefined {
  return loaded().main.get(townKey(name));
}

/** Whether a town of that name is in that state ("milford" is in DE, CT and MA, among others). */
export function isTownInState(name: string, code: UsStateCode): boolean {
  return loaded().states.get(townKey(name))?.split(' ').includes(code) ?? false;
}

/** The most words a town's name has ("lake in the hills"): how far a reader looks from each word. */
export function longestTownName(): number {
  return loaded().longestName;
}
