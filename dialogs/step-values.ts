import type { DialogContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';

/** botbuilder types a waterfall's values as `object`; they are a plain record saved in dialog state. */
export function valuesOf(step: WaterfallStepContext): Record<string, unknown> {
  return step.values as Record<string, unknown>;
}

const waterfallStateSchema = z.object({ values: z.record(z.string(), z.unknown()) });

/**
 * The values of the nearest waterfall on a dialog stack (below the prompt that waits on top of it),
 * the very object the waterfall saves: a change here is what its next step reads.
 */
export function waterfallValuesIn(dc: DialogContext, waterfallId?: string): Record<string, unknown> | undefined {
  for (const instance of dc.stack) {
    if (waterfallId !== undefined && instance.id !== waterfallId) continue;
    const state: unknown = instance.state;
    if (waterfallStateSchema.safeParse(state).success) return (state as { values: Record<string, unknown> }).values;
  }
  return undefined;
}

const startedWithSchema = z.object({ options: z.unknown() });

/** The options the nearest waterfall on the stack was started with. */
export function waterfallOptionsIn(dc: DialogContext, waterfallId: string): unknown {
  const instance = dc.stack.find((candidate) => candidate.id === waterfallId);
  const state: unknown = instance?.state;
  return startedWithSchema.safeParse(state).data?.options;
}
