import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  type DialogContext,
  type DialogState,
  type DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import {
  afterSalesDialogs,
  slotsFromMessage,
  type AfterSalesOptions,
  type DialogDeps,
  type DialogOutcome,
} from '../../dialogs';
import type { Analysis, Language } from '../nlu/types';
import type { ConversationData } from './conversation-state';

export type DialogTurn =
  { status: 'waiting' } | { status: 'ended'; outcome: DialogOutcome } | { status: 'none' };

/** Where a turn keeps its one DialogContext. */
const TURN_DIALOG_CONTEXT = Symbol('kefu.dialogContext');

/**
 * The turn-state key under which botbuilder's DialogStateManager looks for its configuration before building
 * one (botbuilder-dialogs/lib/memory/dialogStateManager.js; the constant is not exported).
 */
const STATE_MANAGER_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/** Starts and continues the after-sales dialogs for the ShopBot and reports how they end. */
export class DialogRunner {
  private readonly dialogs: DialogSet;
  private readonly idByIntent = new Map<string, string>();
  /**
   * The memory scopes and path resolvers of the first turn's DialogContext, handed to every later one.
   * Without it each turn's DialogStateManager builds them anew from botbuilder's component registry
   * (a service collection, nine scope objects): about 40 µs a turn, more than the NLU's analysis. They
   * hold no per-turn data — each reads its memory from the DialogContext it is given.
   */
  private stateConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    deps: DialogDeps,
  ) {
    this.dialogs = new DialogSet(dialogState);
    for (const { intent, id, dialog } of afterSalesDialogs(deps)) {
      this.dialogs.add(dialog);
      this.idByIntent.set(intent, id);
    }
  }

  get intents(): ReadonlySet<string> {
    return new Set(this.idByIntent.keys());
  }

  /** Read from the dialog stack itself: most turns are no dialog's, and need no DialogContext built. */
  async isActive(context: TurnContext): Promise<boolean> {
    const state = await this.dialogState.get(context);
    return (state?.dialogStack.length ?? 0) > 0;
  }

  async start(
    context: TurnContext,
    intent: string,
    analysis: Analysis,
    language: Language,
    state: ConversationData,
    customerId: string | undefined,
  ): Promise<DialogTurn> {
    const id = this.idByIntent.get(intent);
    if (!id) return { status: 'none' };
    const dc = await this.contextOf(context);
    await dc.cancelAllDialogs();
    const options: AfterSalesOptions = {
      language,
      customerId,
      verifiedOrders: [...state.verifiedOrders],
      slots: slotsFromMessage(analysis.text, analysis.entities),
    };
    return settle(await dc.beginDialog(id, options));
  }

  async continue(context: TurnContext): Promise<DialogTurn> {
    const dc = await this.contextOf(context);
    return settle(await dc.continueDialog());
  }

  /** Asks the current question again (after an interruption was answered). */
  async reprompt(context: TurnContext): Promise<void> {
    const dc = await this.contextOf(context);
    await dc.repromptDialog();
  }

  async cancel(context: TurnContext): Promise<void> {
    const dc = await this.contextOf(context);
    await dc.cancelAllDialogs();
  }

  /**
   * One DialogContext per turn, as botbuilder's samples use it (continue, then begin on the same one):
   * building one sets up its memory scopes, which is a good part of a turn's cost when done four times.
   */
  private async contextOf(context: TurnContext): Promise<DialogContext> {
    const known = context.turnState.get(TURN_DIALOG_CONTEXT) as DialogContext | undefined;
    if (known) return known;
    if (this.stateConfiguration)
      context.turnState.set(STATE_MANAGER_CONFIGURATION_KEY, this.stateConfiguration);
    const created = await this.dialogs.createContext(context);
    this.stateConfiguration ??= created.state.configuration;
    context.turnState.set(TURN_DIALOG_CONTEXT, created);
    return created;
  }
}

function settle(result: { status: DialogTurnStatus; result?: unknown }): DialogTurn {
  if (result.status === DialogTurnStatus.waiting) return { status: 'waiting' };
  if (result.status === DialogTurnStatus.complete) {
    return {
      status: 'ended',
      outcome: (result.result as DialogOutcome | undefined) ?? { status: 'declined' },
    };
  }
  return { status: 'none' };
}
