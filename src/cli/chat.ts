import readline from 'node:readline';
import type { Activity } from 'botbuilder';
import { createShopBot } from '../bot/create-bot';
import { InProcessAdapter } from '../channels/in-process-adapter';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../log/logger';
import { createStores } from '../storage/stores';
import type { CliCommand } from './command';

function printReply(activity: Partial<Activity>, buttons: string[]): void {
  if (activity.type !== 'message' || !activity.text) return;
  process.stdout.write(`kefu> ${activity.text.replace(/\n/g, '\n      ')}\n`);
  for (const action of activity.suggestedActions?.actions ?? []) {
    buttons.push(String(action.value ?? action.title));
    process.stdout.write(`      [${buttons.length}] ${action.title}\n`);
  }
}

export const chatCommand: CliCommand = {
  name: 'chat',
  summary: 'talk to the bot in the terminal, in Chinese or English',
  help: `Usage: kefu chat [--customer ID]

Talk to the shop bot in this terminal (memory storage, the demo shop). Type a message and press Enter;
type the number of a button to click it; an empty line or Ctrl-D ends the chat.
--customer ID  chat as a signed-in customer (the demo shop has demo-alice and demo-bob), whose orders
               the bot may show without asking for phone digits.`,
  async run(args) {
    let config;
    try {
      config = loadConfig();
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n`);
        return 78;
      }
      throw error;
    }
    const customerIndex = args.indexOf('--customer');
    const customerId = customerIndex >= 0 ? args[customerIndex + 1] : undefined;
    if (customerIndex >= 0 && !customerId) {
      process.stderr.write('kefu chat: --customer needs an id, e.g. --customer demo-alice\n');
      return 2;
    }
    const logger = createLogger({
      level: config.logLevel === 'info' ? 'warn' : config.logLevel,
      pretty: config.logPretty,
    });
    const { storage, conversationLog } = createStores(undefined, config.keyPrefix, {
      memoryConversations: config.memoryConversations,
    });
    const { bot } = createShopBot({ config, logger, storage, conversationLog });
    const adapter = new InProcessAdapter();
    adapter.onTurnError = async (_context, error) => {
      logger.error({ err: error }, 'chat turn failed');
      process.stdout.write('kefu> (something went wrong on our side; please try again)\n');
    };
    const conversation = { id: `cli-${process.pid}` };
    const user = { id: customerId ?? 'cli-shopper', name: 'you' };
    const interactive = process.stdin.isTTY === true;
    if (interactive)
      process.stdout.write('kefu chat — 您好！Type a message (an empty line ends the chat).\n');

    let buttons: string[] = [];
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === '') break;
      if (!interactive) process.stdout.write(`you> ${line}\n`);
      const picked = /^\d$/.test(line) ? buttons[Number(line) - 1] : undefined;
      const shown: string[] = [];
      await adapter.processActivity(
        {
          type: 'message',
          text: picked ?? line,
          channelId: 'cli',
          serviceUrl: 'cli://local',
          conversation: { ...conversation, isGroup: false, conversationType: 'personal', name: 'cli' },
          from: user,
          recipient: { id: 'kefu', name: 'kefu' },
          locale: /[\u3400-\u9fff]/.test(line) ? 'zh-CN' : 'en-US',
        },
        (context) => bot.run(context),
        async (activity) => printReply(activity, shown),
      );
      buttons = shown;
    }
    lines.close();
    return 0;
  },
};
