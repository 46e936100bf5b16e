import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { botHarness, sharedNlu } from '../helpers/bot';

beforeAll(() => sharedNlu());

/** Where botbuilder's DialogStateManager keeps its configuration in a turn's state. */
const CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

describe('the dialogs’ memory configuration is built once, not on every turn', () => {
  it('every dialog turn of a return shares the first turn’s memory scopes, and the dialog still runs', async () => {
    const bot = botHarness();
    const configurations: (DialogStateManagerConfiguration | undefined)[] = [];
    bot.adapter.use(async (context, next) => {
      await next();
      configurations.push(context.turnState.get(CONFIGURATION_KEY) as DialogStateManagerConfiguration);
    });

    expect(await bot.ask('我要退货')).toContain('订单号');
    expect(await bot.ask('202311150001')).toContain('后4位');
    expect(await bot.ask('5678')).toContain('哪件商品');
    expect(await bot.ask('直筒牛仔裤')).toContain('原因');
    expect(await bot.ask('尺码不合适')).toContain('请确认退货信息');
    expect(await bot.ask('先不了')).toContain('已取消');

    const built = configurations.filter((configuration) => configuration !== undefined);
    expect(built.length).toBeGreaterThanOrEqual(4);
    for (const configuration of built) expect(configuration).toBe(built[0]);
    const scopes = built[0]?.memoryScopes.map((scope) => scope.name) ?? [];
    expect(scopes).toEqual(expect.arrayContaining(['turn', 'dialog', 'conversation', 'user']));
  });
});
