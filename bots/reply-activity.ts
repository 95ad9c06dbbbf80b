import { ActivityTypes, type Activity } from 'botbuilder';
import { z } from 'zod';
import { renderForChannel, type RenderedMessage } from '../src/channels/render-reply.ts';
import type { Reply } from '../src/channels/reply.ts';

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

/** A rendered message as a Bot Framework activity (the only place channel output meets botbuilder). */
export function toActivity(message: RenderedMessage): Partial<Activity> {
  if (message.kind === 'card') {
    return {
      type: ActivityTypes.Message,
      summary: message.summary,
      attachments: [{ contentType: adaptiveCardContentType, content: message.card }],
    };
  }
  return { type: ActivityTypes.Message, text: message.text, textFormat: 'plain' };
}

export function activitiesFor(channelId: string | undefined, replies: readonly Reply[]): Partial<Activity>[] {
  return renderForChannel(channelId, replies).map(toActivity);
}

const recordedSchema = z.array(z.record(z.string(), z.unknown()));

/**
 * Reply activities recorded with a processed activity (JSON we wrote ourselves, from `activitiesFor`),
 * to send again on a redelivery. Anything else is not a recording: undefined.
 */
export function recordedActivities(json: unknown): Partial<Activity>[] | undefined {
  const parsed = recordedSchema.safeParse(json);
  // Checked as plain objects: they were Partial<Activity> when recorded, and sendActivities copies each.
  return parsed.success ? (parsed.data as Partial<Activity>[]) : undefined;
}
