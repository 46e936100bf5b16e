import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { promptWith, RenderedPrompt, type PromptText } from '../../dialogs/shared/rendered-prompt';

/** Stands in for the order system: what a text is built from, looked up each time. */
const ADDRESSES: Record<string, string> = { o1: '浙江省杭州市西湖区文三路100号' };

/**
 * One RenderedPrompt in a DialogSet over a real MemoryStorage: "again" asks it again as after an
 * interruption (DialogContext.repromptDialog), "ok" answers it, anything else is a wrong answer.
 */
function promptBot() {
  const memory: Record<string, string> = {};
  const state = new ConversationState(new MemoryStorage(memory));
  const dialogs = new DialogSet(state.createProperty('dialogState'));
  const built: PromptText[] = [];
  dialogs.add(
    new RenderedPrompt(
      'addressPrompt',
      async (_context, text) => {
        built.push(text);
        return `Deliver to ${ADDRESSES[text.orderId ?? '']}?`;
      },
      async (prompt) => prompt.recognized.value === 'ok',
    ),
  );
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    if (context.activity.text === 'again') await dc.repromptDialog();
    else if ((await dc.continueDialog()).status === DialogTurnStatus.empty) {
      await dc.beginDialog(
        'addressPrompt',
        promptWith({ text: 'deliverTo', language: 'en', orderId: 'o1' }, ['ok']),
      );
    }
    await state.saveChanges(context);
  });
  const send = async (text: string): Promise<Partial<Activity>[]> => {
    await adapter.send(text).startTest();
    return adapter.activeQueue.splice(0);
  };
  return { memory, built, send };
}

describe('RenderedPrompt', () => {
  it('builds its text on the first ask, after a wrong answer and when asked again, and stores only what it is built from', async () => {
    const { memory, built, send } = promptBot();
    const address = ADDRESSES.o1;
    for (const message of ['start', 'what?', 'again']) {
      const replies = await send(message);
      expect(replies).toHaveLength(1);
      expect(replies[0].text).toBe(`Deliver to ${address}?`);
      expect(replies[0].speak).toBe(`Deliver to ${address}?`);
      expect(replies[0].suggestedActions?.actions.map((action) => action.title)).toEqual(['ok']);
      const stored = Object.values(memory).join('\n');
      expect(stored).toContain('"render":{"text":"deliverTo","language":"en","orderId":"o1"}');
      expect(stored).not.toContain('文三路');
    }
    expect(built).toHaveLength(3);
    expect(await send('ok')).toHaveLength(0);
  });

  it('passes a plain text through as the prompt, with buttons when given', async () => {
    expect(promptWith('What is the order number?')).toEqual({ prompt: 'What is the order number?' });
    const withButtons = promptWith('Which one?', ['A', 'B']);
    expect(withButtons.render).toBeUndefined();
    expect(withButtons.prompt).toMatchObject({ text: 'Which one?', speak: 'Which one?' });
  });
});
