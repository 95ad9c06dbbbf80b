import { FixedClock } from '../../src/clock.ts';
import { startTestApp, type RunningApp } from '../support/test-app.ts';
import { BotConversation, ConnectorSink } from '../support/connector-sink.ts';

/** "Today" in every bot transcript test: Friday 2026-11-20, mid-morning in Ohio. */
export const today = '2026-11-20';
export const clockStart = '2026-11-20T15:00:00Z';

export interface BotHarness {
  app: RunningApp;
  sink: ConnectorSink;
  clock: FixedClock;
  conversation(channelId?: string, conversationId?: string, userId?: string): BotConversation;
  stop(): Promise<void>;
}

let counter = 0;

/** The real app on a free port, a connector sink for replies, and a fixed clock. */
export async function startBotHarness(env: Record<string, string> = {}): Promise<BotHarness> {
  const clock = new FixedClock(clockStart);
  const app = await startTestApp(env, { clock });
  const sink = await ConnectorSink.start();
  return {
    app,
    sink,
    clock,
    conversation(channelId = 'emulator', conversationId, userId) {
      counter += 1;
      return new BotConversation(app.baseUrl, sink, {
        channelId,
        conversationId: conversationId ?? `conv-${process.pid}-${counter}`,
        ...(userId ? { userId } : {}),
      });
    },
    async stop() {
      await sink.close();
      await app.stop();
    },
  };
}

/** The answers that walk a return to its decision, for the table-driven scripts. */
export function walkthroughAnswers(facts: { state: string; maturity: string; returned: string; intent: string; avrm: string; vin?: string }): string[] {
  return ['Return a vehicle', facts.state, facts.maturity, facts.returned, facts.intent, facts.avrm, facts.vin ?? 'skip'];
}
