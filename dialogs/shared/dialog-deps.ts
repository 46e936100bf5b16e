import type { TurnContext } from 'botbuilder';
import type { OrderService } from '../../src/commerce/order-service';
import type { ShopPolicy } from '../../src/commerce/policy';
import type { ChoiceOption } from './choices';

/** How far an after-sales dialog got: shown to an agent when the conversation is handed over. */
export interface DialogProgress {
  dialog: string;
  step: string;
  slots: Record<string, string | number | undefined>;
  /** The options of the question being asked, so the bot can tell an answer from a side question. */
  expecting?: ChoiceOption[];
}

/** What the dialogs need from the rest of kefu; they speak botbuilder and the OrderService, nothing else. */
export interface DialogDeps {
  orders: OrderService;
  policy: ShopPolicy;
  clock: () => Date;
  /** Remembers the dialog's progress for a possible handoff. */
  recordProgress(context: TurnContext, progress: DialogProgress | undefined): Promise<void>;
}
