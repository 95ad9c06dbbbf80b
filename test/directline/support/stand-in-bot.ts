import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';

/**
 * A small real botbuilder bot (CloudAdapter, no auth) on /api/messages, standing in for the product's
 * bot so the Direct Line plumbing is tested on its own: it replies through the real Bot Connector
 * client to the serviceUrl we hand it, exactly as the product's bot does.
 */
export interface StandInBot {
  /** Every activity the bot received, in order. */
  readonly received: Partial<Activity>[];
}

const card = (title: string) => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text: title, wrap: true, weight: 'Bolder' }],
    actions: [
      { type: 'Action.Submit', title: 'Check a status', data: { choice: 'status' } },
      { type: 'Action.Submit', title: 'Who to call', data: { choice: 'contacts' } },
    ],
  },
});

async function onTurn(context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.type === ActivityTypes.ConversationUpdate) {
    for (const member of activity.membersAdded ?? []) {
      if (member.id !== activity.recipient.id)
        await context.sendActivity({ type: 'message', text: 'Welcome from the stand-in bot.', attachments: [card('What would you like to do?')] });
    }
    return;
  }
  if (activity.type !== ActivityTypes.Message) return;
  const value: unknown = activity.value;
  if (typeof value === 'object' && value !== null && 'choice' in value) {
    await context.sendActivity(`You chose ${String((value as { choice: unknown }).choice)}.`);
    return;
  }
  const text = (activity.text ?? '').trim();
  if (text === 'update me') {
    const sent = await context.sendActivity('original text');
    await context.updateActivity({ ...context.activity, type: 'message', id: sent?.id ?? '', text: 'updated text', replyToId: activity.id ?? '' });
    return;
  }
  if (text === 'delete me') {
    const sent = await context.sendActivity('short-lived text');
    await context.deleteActivity(sent?.id ?? '');
    return;
  }
  if (text === 'suggest') {
    await context.sendActivity({ type: 'message', text: 'Pick one', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }] } });
    return;
  }
  await context.sendActivities([{ type: 'typing' }, { type: 'message', text: `Echo: ${text}`, attachments: [card(`Echo: ${text}`)] }]);
}

export function registerStandInBot(server: Server): StandInBot {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot: StandInBot = { received: [] };
  server.post('/api/messages', async (request: Request, response: Response) => {
    const raw: unknown = request.body;
    const body = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw)) as Record<string, unknown>;
    bot.received.push(body as Partial<Activity>);
    await adapter.process(
      { headers: request.headers as Record<string, string | string[] | undefined>, body, method: request.method ?? 'POST' },
      {
        socket: response.socket,
        end: (...args: unknown[]) => Reflect.apply(response.end, response, args),
        header: (name: string, value: unknown) => response.header(name, value),
        send: (...args: unknown[]) => Reflect.apply(response.send, response, args),
        status: (code: number) => response.status(code),
      },
      onTurn,
    );
  });
  return bot;
}
