import { createHmac } from 'node:crypto';
import { makeVin } from '../cases/case-fixtures.ts';
import { postJson } from '../support/test-app.ts';

/** The embedding site's secret in these tests (WEBCHAT_USER_TOKEN_SECRET). */
export const userTokenSecret = 'embedding-site-secret-0123456789-abcdefgh';

/** Signs a web chat user token the way the README tells an embedding site to (node:crypto only, no app code). */
export function signUserToken(
  sub: string,
  options: { secret?: string; nowSeconds: number; lifetimeSeconds?: number; header?: Record<string, unknown> },
): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode(options.header ?? { alg: 'HS256', typ: 'JWT' });
  const payload = encode({ sub, iat: options.nowSeconds, exp: options.nowSeconds + (options.lifetimeSeconds ?? 3600) });
  const signature = createHmac('sha256', options.secret ?? userTokenSecret)
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export const dealerA = { id: 'columbus-motors', name: 'Columbus Motors', state: 'OH', phones: ['+16145550100'] };
export const dealerB = { id: 'dayton-auto', name: 'Dayton Auto', state: 'OH', phones: ['+19375550100'] };
/** Dealer A's case and dealer B's case: different last six characters. */
export const vinA = makeVin(111111);
export const vinB = makeVin(222222);

/** Two dealers with one open case each. */
export async function seedTwoDealers(baseUrl: string): Promise<void> {
  for (const dealer of [dealerA, dealerB]) {
    const created = await postJson(`${baseUrl}/api/v1/dealers`, dealer);
    if (created.status !== 201) throw new Error(`dealer ${dealer.id}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  for (const [vin, dealerId] of [
    [vinA, dealerA.id],
    [vinB, dealerB.id],
  ] as const) {
    const opened = await postJson(`${baseUrl}/api/v1/cases`, {
      vin,
      dealerId,
      maturityDate: '2026-11-01',
      returnDate: '2026-11-18',
      intent: 'lesseeReturn',
      hasAvrmAccess: true,
    });
    if (opened.status !== 201) throw new Error(`case ${vin}: ${opened.status} ${JSON.stringify(opened.body)}`);
  }
}

export const teamsUserA = 'a1b2c3d4-0000-4000-8000-00000000000a';
export const teamsStranger = 'f0e0d0c0-0000-4000-8000-0000000000ff';

export async function linkUser(baseUrl: string, dealerId: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  return postJson(`${baseUrl}/api/v1/dealers/${dealerId}/users`, body);
}
