import { expectedCheckDigit } from '../../src/domain/vin.ts';
import { postJson } from '../support/test-app.ts';

/** A valid VIN (right check digit) that differs per `n` in its last six characters. */
export function makeVin(n: number, prefix = '1M8GDM9A'): string {
  const serial = String(n % 1_000_000).padStart(6, '0');
  const draft = `${prefix}0KP${serial}`.slice(0, 17);
  const digit = expectedCheckDigit(draft) ?? '0';
  return `${draft.slice(0, 8)}${digit}${draft.slice(9)}`;
}

export const sampleVin = '1M8GDM9AXKP042788';

export async function registerDealer(baseUrl: string, overrides: Record<string, unknown> = {}): Promise<{ status: number; body: unknown }> {
  return postJson(`${baseUrl}/api/v1/dealers`, { id: 'columbus-motors', name: 'Columbus Motors', state: 'OH', phones: ['+16145550100'], ...overrides });
}

export async function openCase(baseUrl: string, overrides: Record<string, unknown> = {}): Promise<{ status: number; body: unknown }> {
  return postJson(`${baseUrl}/api/v1/cases`, {
    vin: sampleVin,
    dealerId: 'columbus-motors',
    maturityDate: '2026-03-02',
    returnDate: '2026-03-02',
    intent: 'lesseeReturn',
    hasAvrmAccess: true,
    ...overrides,
  });
}

export async function recordEvent(baseUrl: string, vin: string, event: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  return postJson(`${baseUrl}/api/v1/cases/${vin}/events`, event);
}

/** The fields tests read from a case; the rest of the JSON is checked where it matters. */
export interface CaseJson {
  vin: string;
  dealerId: string;
  dealer: { id: string; name: string; state: string; phones: string[] };
  state: string;
  timeZone: string;
  stage: string;
  status: string;
  closedAt: string | null;
  events: { type: string; at: string; note?: string; by?: string; document?: string }[];
  decision: { termination: string; rulesVersion: string; trace: { rule: string }[]; inspection: { available: boolean } };
  timeline: { step: string; label: string; expectedFrom: string; expectedBy: string; status: string; doneAt?: string; note?: string }[];
  nextStep: { step: string } | null;
  overdue: boolean;
}

export interface ErrorJson {
  error: { code: string; message: string; field: string | null };
}

export function asCase(body: unknown): CaseJson {
  return body as CaseJson;
}

export function asError(body: unknown): ErrorJson {
  return body as ErrorJson;
}
