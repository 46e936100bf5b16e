import type { TurnContext } from 'botbuilder';
import type { DialogInstance, DialogState } from 'botbuilder-dialogs';

/**
 * A prompt asked again (after an interruption, `DialogContext.repromptDialog`) is given only the turn and
 * its own instance, not the dialog around it. A prompt whose text is built from the dialog's values finds
 * them through the instance of its dialog that is running this turn, noted here when the dialog is entered.
 */

const RUNNING = Symbol('kefu.runningAfterSalesDialogs');

function running(context: TurnContext): Map<string, DialogInstance> {
  let instances = context.turnState.get(RUNNING) as Map<string, DialogInstance> | undefined;
  if (instances === undefined) {
    instances = new Map();
    context.turnState.set(RUNNING, instances);
  }
  return instances;
}

/**
 * Called on entering the dialog `id`. A dialog that starts itself over (replaceDialog with its own id) runs
 * nested in the earlier instance, and is entered after it, so the innermost instance is the one kept.
 */
export function noteRunning(context: TurnContext, id: string, instance: DialogInstance | undefined): void {
  if (instance !== undefined) running(context).set(id, instance);
}

/** The values of waterfall `stepsId` in the running instance of dialog `id`, as stored with the dialog. */
export function runningValues<T>(context: TurnContext, id: string, stepsId: string): T | undefined {
  const instance = running(context).get(id);
  // A ComponentDialog keeps its inner stack under `dialogs`, a waterfall its values under `values`: that is
  // how every stored conversation looks, so botbuilder cannot change it without breaking them all.
  const stack = (instance?.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack ?? [];
  const steps = stack.find((entry) => entry.id === stepsId);
  return (steps?.state as { values?: T } | undefined)?.values;
}
