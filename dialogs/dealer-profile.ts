import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { UsStateCode } from '../src/domain/us-states.ts';
import { usStateCodeSchema } from '../src/domain/us-state-schema.ts';

/** What the assistant remembers about a dealer across conversations (user state). */
export const dealerProfileSchema = z.object({ state: usStateCodeSchema.optional() });
export type DealerProfile = z.infer<typeof dealerProfileSchema>;

/** Reads and writes the profile through botbuilder's user state; saved with the rest at the end of the turn. */
export class DealerProfiles {
  constructor(private readonly accessor: StatePropertyAccessor<unknown>) {}

  async get(context: TurnContext): Promise<DealerProfile> {
    return dealerProfileSchema.safeParse(await this.accessor.get(context)).data ?? {};
  }

  async rememberState(context: TurnContext, state: UsStateCode): Promise<void> {
    await this.accessor.set(context, { ...(await this.get(context)), state });
  }
}
