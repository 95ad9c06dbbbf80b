import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { decisionRequestSchema, type DecisionRequest } from '../../src/domain/decision-request.ts';
import { DecisionService } from '../../src/rules/decision-service.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';
import { handWrittenDecision } from '../hand-written-decision.ts';
import { load, opsPerSecond, ratio, table, type BenchSuite } from '../support.ts';

/** 216 distinct situations: every state exception, intent, AVRM case, ET/NM and pickup document. */
function sampleRequests(): DecisionRequest[] {
  const requests: DecisionRequest[] = [];
  for (const state of ['OH', 'HI', 'SD', 'TX', 'AK', 'CA']) {
    for (const intent of ['lesseeReturn', 'dealerPurchaseForInventory', 'dealerPurchaseForLessee'] as const) {
      for (const hasAvrmAccess of [true, false]) {
        for (const returnDate of ['2026-05-01', '2026-06-15', '2026-06-20']) {
          for (const pickup of [undefined, { by: 'transporter', billOfLading: true }] as const) {
            requests.push(decisionRequestSchema.parse({ state, intent, hasAvrmAccess, maturityDate: '2026-06-15', returnDate, ...(pickup ? { pickup } : {}) }));
          }
        }
      }
    }
  }
  return requests;
}

export const suite: BenchSuite = {
  title: 'Decisions: json-rules-engine vs a hand-written function; POST /api/v1/decisions vs a bare restify handler',
  async run() {
    const requests = sampleRequests();
    const ruleSet = loadRuleSet('rules');
    const fresh = new DecisionService(ruleSet, { cacheSize: 0 });
    const cached = new DecisionService(ruleSet);
    for (const request of requests) {
      const fromRules = await fresh.decide(request);
      const { contacts: _c, steps: _s, stepsUntil: _g, trace: _t, rulesVersion: _v, eligibleQuotes: _e, ...decided } = fromRules;
      if (!isDeepStrictEqual(decided, handWrittenDecision(request))) throw new Error(`hand-written baseline disagrees on ${JSON.stringify(request)}`);
    }
    let index = 0;
    const next = (): DecisionRequest => requests[index++ % requests.length] as DecisionRequest;
    const handWritten = await opsPerSecond(async () => handWrittenDecision(next()));
    const engineFresh = await opsPerSecond(() => fresh.decide(next()));
    const engineCached = await opsPerSecond(() => cached.decide(next()));
    const serviceTable = table(
      ['decision path', 'decisions/s', 'ratio to hand-written'],
      [
        ['hand-written function (baseline)', handWritten.toFixed(0), '1.00'],
        ['rules, fresh Engine per decision', engineFresh.toFixed(0), ratio(engineFresh, handWritten)],
        ['rules, memoized by facts (the service default)', engineCached.toFixed(0), ratio(engineCached, handWritten)],
      ],
    );

    const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'bench/decision-servers.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const ports = await new Promise<{ app: number; bare: number }>((resolve) => {
      createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as { app: number; bare: number }));
    });
    const bodies = requests.map((request) => JSON.stringify(request));
    const headers = { 'content-type': 'application/json' };
    const rows: string[][] = [];
    try {
      for (const connections of [1, 10, 50]) {
        const baseline = await load({ url: `http://127.0.0.1:${ports.bare}/decide`, method: 'POST', headers, bodies, connections });
        const endpoint = await load({ url: `http://127.0.0.1:${ports.app}/api/v1/decisions`, method: 'POST', headers, bodies, connections });
        if (endpoint.non2xx > 0 || endpoint.errors > 0) throw new Error(`decisions endpoint returned ${endpoint.non2xx} non-2xx and ${endpoint.errors} errors`);
        rows.push([
          String(connections),
          baseline.requestsPerSecond.toFixed(0),
          `${baseline.p99Ms} ms`,
          endpoint.requestsPerSecond.toFixed(0),
          `${endpoint.p99Ms} ms`,
          ratio(endpoint.requestsPerSecond, baseline.requestsPerSecond),
        ]);
      }
    } finally {
      child.kill('SIGTERM');
    }
    const httpTable = table(['connections', 'bare req/s', 'bare p99', 'decisions req/s', 'decisions p99', 'ratio'], rows);
    return `${serviceTable}\n\n${httpTable}\n(${requests.length} distinct requests cycled; the bare handler parses the body and answers a precomputed decision of the same size; target at 10 connections: ratio ≥ 0.5, p99 < 10 ms; server logs at warn level)`;
  },
};
