import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

export type Deliver = (activity: Partial<Activity>) => Promise<void>;

const DELIVER = Symbol('kefu.deliver');

/**
 * A botbuilder adapter for channels kefu serves itself (the terminal, Direct Line): an incoming activity
 * runs the bot in this process, and every reply is handed to the turn's `deliver` callback in order.
 */
export class InProcessAdapter extends BotAdapter {
  async processActivity(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
    deliver: Deliver,
  ): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(DELIVER, deliver);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const deliver = context.turnState.get(DELIVER) as Deliver | undefined;
    if (!deliver) throw new Error('InProcessAdapter: no delivery for this turn');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) =>
          setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000),
        );
        continue;
      }
      const id = activity.id ?? randomUUID();
      await deliver({ ...activity, id, timestamp: new Date() });
      responses.push({ id });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('InProcessAdapter: updating a sent activity is not supported');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('InProcessAdapter: deleting a sent activity is not supported');
  }

  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continue' },
      reference,
      true,
    );
    await this.processActivity(activity, logic, async () => {
      throw new Error(
        'InProcessAdapter: continueConversation needs the channel to deliver proactive messages',
      );
    });
  }
}
