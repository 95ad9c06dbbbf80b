import type { WaterfallStepContext } from 'botbuilder-dialogs';

/** botbuilder types a waterfall's values as `object`; they are a plain record saved in dialog state. */
export function valuesOf(step: WaterfallStepContext): Record<string, unknown> {
  return step.values as Record<string, unknown>;
}
