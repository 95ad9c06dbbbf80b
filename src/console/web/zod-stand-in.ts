/**
 * Stands in for zod in the browser bundle only (see console-bundle.ts): every property read and every
 * call returns the same object, so module-level `z.string().transform(...)` in shared domain files loads
 * without pulling zod in. Browser code never validates with it.
 */
const chain: unknown = new Proxy(function standIn() {}, { get: () => chain, apply: () => chain });

export const z = chain;
