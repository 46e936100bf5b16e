import type { Dialog } from 'botbuilder-dialogs';
import { CANCEL_ORDER_DIALOG, CancelOrderDialog } from './cancel-order-dialog';
import { CHANGE_ADDRESS_DIALOG, ChangeAddressDialog } from './change-address-dialog';
import { EXCHANGE_DIALOG, ExchangeDialog } from './exchange-dialog';
import { INVOICE_DIALOG, InvoiceDialog } from './invoice-dialog';
import { RETURN_DIALOG, ReturnDialog } from './return-dialog';
import type { DialogDeps } from './shared/dialog-deps';

export type { DialogDeps, DialogProgress } from './shared/dialog-deps';
export type { AfterSalesOptions, DialogOutcome, Slots } from './shared/outcome';
export { slotsFromMessage } from './shared/slots';
export { matchChoice, type ChoiceOption } from './shared/choices';

/** The after-sales dialogs and the intent that starts each. */
export function afterSalesDialogs(deps: DialogDeps): { intent: string; id: string; dialog: Dialog }[] {
  return [
    { intent: 'return.request', id: RETURN_DIALOG, dialog: new ReturnDialog(deps) },
    { intent: 'exchange.request', id: EXCHANGE_DIALOG, dialog: new ExchangeDialog(deps) },
    { intent: 'invoice', id: INVOICE_DIALOG, dialog: new InvoiceDialog(deps) },
    { intent: 'order.cancel', id: CANCEL_ORDER_DIALOG, dialog: new CancelOrderDialog(deps) },
    { intent: 'order.modify', id: CHANGE_ADDRESS_DIALOG, dialog: new ChangeAddressDialog(deps) },
  ];
}
