import { countOn, tablesOf } from '../support/database-probe.ts';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { FixedClock } from '../../src/clock.ts';
import { isPublicRoute } from '../../src/http/route-access.ts';
import { makeVin, sampleVin } from '../cases/case-fixtures.ts';
import { postJson, startTestApp, type RunningApp } from '../support/test-app.ts';

/**
 * The API token cannot be bypassed by how a URL is spelled. Every protected route is taken from the
 * router's own table (so a route added tomorrow is attacked without anyone remembering to list it),
 * and each is requested in many spellings over a raw socket (so nothing on the client side normalizes
 * the target). None may answer 2xx, and nothing may change in the database.
 */

const token = 'attack-suite-api-token-0123456789';
const auth = { authorization: `Bearer ${token}` };
const dealerId = 'spelling-motors';

interface RawResponse {
  status: number;
  head: string;
}

/** One request, written byte for byte as given: the target is not normalized by any client library. */
function rawRequest(port: number, method: string, target: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const head = received.split('\r\n\r\n')[0] ?? '';
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head });
    });
    const lines = [
      `${method} ${target} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    if (body !== undefined) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
  });
}

/** Query strings a route needs to answer 2xx with the token (GET /api/v1/search needs q). */
const routeQueries: Record<string, string> = { '/api/v1/search': '?q=Spelling' };

/** The handoff the handoff routes are asked about (opened in `before`, as the bot would). */
let handoffId = '00000000-0000-4000-8000-000000000000';

/** A concrete path for a registered route: parameters filled with values that exist. */
function concretePath(routePath: string): string {
  const id = routePath.startsWith('/api/v1/handoffs/') ? handoffId : dealerId;
  return routePath.replace(/:(\w+)/g, (_match, name: string) => (name === 'vin' ? sampleVin : name === 'id' ? id : 'x'));
}

/** The ways an attacker may spell one path; each must reach the same handler or none at all. */
function spellings(path: string, port: number): string[] {
  const segments = path.split('/').filter(Boolean);
  const [first = '', ...rest] = segments;
  const join = (separator: string): string => `/${segments.join(separator)}`;
  const upperFirst = `/${[first.toUpperCase(), ...rest].join('/')}`;
  const escapedLetter = `/%${first.charCodeAt(0).toString(16)}${first.slice(1)}/${rest.join('/')}`;
  return [
    path,
    `http://127.0.0.1:${port}${path}`,
    `http://evil.example${path}`,
    join('\\'),
    `/${first}\\${rest.join('\\')}`,
    join('%5C'),
    join('%5c'),
    join('%2F'),
    `/${first}%2F${rest.join('/')}`,
    `/x/..${path}`,
    `/${first}/./${rest.join('/')}`,
    `/${first}/%2e/${rest.join('/')}`,
    `/x/%2e%2e${path}`,
    `//${path.slice(1)}`,
    join('//'),
    upperFirst,
    path.toUpperCase(),
    `${path}/`,
    `${path}//`,
    `${path};jsessionid=1`,
    `/${first};a=b/${rest.join('/')}`,
    escapedLetter,
    `${path}?token=${token}`,
    `${path}#frag`,
    `${path}%00`,
    `${path}%20`,
  ];
}

/** A body that the route would accept with the token, so a bypass would show as a 2xx and a change. */
function validBody(method: string, routePath: string, n: number): string | undefined {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const bodies: Record<string, unknown> = {
    '/api/v1/dealers': { id: `attacker-${n}`, name: 'Attacker Motors', state: 'OH', phones: [`+1614555${String(1000 + (n % 9000)).padStart(4, '0')}`] },
    '/api/v1/cases': { vin: makeVin(700000 + n), dealerId, maturityDate: '2026-03-02', returnDate: '2026-03-02', intent: 'lesseeReturn', hasAvrmAccess: true },
    '/api/v1/cases/:vin/events': { type: 'notified', at: '2026-03-02T16:00:00Z' },
    '/api/v1/cases/:vin/notes': { text: 'A call note an attacker would leave' },
    '/api/v1/dealers/:id/users': { webChatUserId: `attacker-${n}` },
    '/api/v1/decisions': { state: 'OH', maturityDate: '2026-06-15', returnDate: '2026-06-15', intent: 'lesseeReturn', hasAvrmAccess: true },
    '/api/v1/answers': { question: 'How long is the remarketing hold after a dealer purchase?' },
    '/api/v1/handoffs/:id/messages': { text: 'An agent reply an attacker would send' },
  };
  return JSON.stringify(bodies[routePath] ?? {});
}

async function tableCounts(running: RunningApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await tablesOf(running.app.storage)) counts[name] = await countOn(running.app.storage, `SELECT count(*) AS n FROM "${name}"`);
  return counts;
}

interface RouteInfo {
  method: string;
  path: string;
}

function registeredRoutes(running: RunningApp): RouteInfo[] {
  const routes: unknown = running.app.server.router.getRoutes();
  return Object.values(routes as Record<string, { method: string; path: unknown }>)
    .filter((route): route is { method: string; path: string } => typeof route.path === 'string')
    .map((route) => ({ method: route.method.toUpperCase(), path: route.path }));
}

describe('attack: URL spellings against every protected route (API_TOKEN set)', () => {
  let running: RunningApp;
  let port: number;

  before(async () => {
    running = await startTestApp({ API_TOKEN: token }, { clock: new FixedClock('2026-03-08T12:00:00Z') });
    port = Number(new URL(running.baseUrl).port);
    const dealer = await postJson(`${running.baseUrl}/api/v1/dealers`, { id: dealerId, name: 'Spelling Motors', state: 'OH', phones: ['+16145550199'] }, auth);
    assert.equal(dealer.status, 201);
    const opened = await postJson(
      `${running.baseUrl}/api/v1/cases`,
      { vin: sampleVin, dealerId, maturityDate: '2026-03-02', returnDate: '2026-03-02', intent: 'lesseeReturn', hasAvrmAccess: true },
      auth,
    );
    assert.equal(opened.status, 201);
    // A dealer in chat asked for a person: the handoff routes then have one to read, take, answer and end.
    const started = await running.app.handoffs.start({
      channelId: 'webchat',
      conversationId: 'attack-conversation',
      conversationKey: 'webchat:attack-conversation',
      dealer: null,
      reason: 'asked',
      transcript: [],
      facts: {},
    });
    handoffId = started.handoff.id;
  });
  after(() => running.stop());

  it('finds the protected routes in the router table, the case and dealer routes among them', () => {
    const protectedRoutes = registeredRoutes(running).filter((route) => !isPublicRoute(route.method, route.path));
    const names = protectedRoutes.map((route) => `${route.method} ${route.path}`);
    for (const expected of [
      'GET /api/v1/cases',
      'GET /api/v1/cases/:vin',
      'POST /api/v1/cases',
      'POST /api/v1/cases/:vin/events',
      'POST /api/v1/cases/:vin/notes',
      'GET /api/v1/search',
      'GET /api/v1/queues',
      'POST /api/v1/dealers',
      'GET /api/v1/dealers/:id',
      'POST /api/v1/decisions',
      'POST /api/v1/answers',
    ]) {
      assert.ok(names.includes(expected), `${expected} should be protected; protected: ${names.join(', ')}`);
    }
  });

  it('never answers 2xx (or 3xx) without the token, in any spelling, and changes nothing', async () => {
    const before = await tableCounts(running);
    const protectedRoutes = registeredRoutes(running).filter((route) => !isPublicRoute(route.method, route.path));
    let n = 0;
    const leaks: string[] = [];
    for (const route of protectedRoutes) {
      for (const target of spellings(concretePath(route.path), port)) {
        n += 1;
        for (const headers of [
          {},
          { authorization: 'Bearer wrong-token-of-the-wrong-size' },
          { authorization: `Basic ${Buffer.from(`user:${token}`).toString('base64')}` },
        ]) {
          const response = await rawRequest(port, route.method, target, headers, validBody(route.method, route.path, n));
          if (response.status < 400) leaks.push(`${route.method} ${target} -> ${response.status}`);
        }
      }
    }
    assert.deepEqual(leaks, []);
    assert.deepEqual(await tableCounts(running), before);
  });

  it('answers the canonical spelling with the token (the bodies above would have worked)', async () => {
    const protectedRoutes = registeredRoutes(running).filter((route) => !isPublicRoute(route.method, route.path));
    for (const route of protectedRoutes) {
      const response = await rawRequest(
        port,
        route.method,
        `${concretePath(route.path)}${routeQueries[route.path] ?? ''}`,
        auth,
        validBody(route.method, route.path, 1),
      );
      assert.ok(response.status >= 200 && response.status < 300, `${route.method} ${route.path} -> ${response.status}`);
    }
  });

  it('decides on the matched route: an absolute-form target and backslashes need the token like the plain path', async () => {
    for (const target of [`http://127.0.0.1:${port}/api/v1/cases`, '/api\\v1\\cases']) {
      const refused = await rawRequest(port, 'GET', target, {});
      assert.equal(refused.status, 401, target);
      const allowed = await rawRequest(port, 'GET', target, auth);
      assert.equal(allowed.status, 200, target);
    }
  });
});
