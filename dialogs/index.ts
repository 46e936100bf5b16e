import type { Dialog } from 'botbuilder-dialogs';
import { RETURN_DIALOG, ReturnDialog } from './return-dialog';
import type { DialogDeps } from './shared/dialog-deps';

export type { DialogDeps, DialogProgress } from './shared/dialog-deps';
export type { AfterSalesOptions, DialogOutcome, Slots } from './shared/outcome';
export { slotsFromMessage } from './shared/slots';
export { matchChoice, type ChoiceOption } from './shared/choices';

/** The after-sales dialogs and the intent that starts each. */
export function afterSalesDialogs(deps: DialogDeps): { intent: string; id: string; dialog: Dialog }[] {
  return [{ intent: 'return.request', id: RETURN_DIALOG, dialog: new ReturnDialog(deps) }];
}
