import { Writable } from 'node:stream';
import { createBotFrameworkAdapter } from '../../../src/channels/bot-framework-adapter';
import { createLogger } from '../../../src/log/logger';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', pretty: false, destination }) };
}

describe('createBotFrameworkAdapter', () => {
  it('warns that JWT validation is off when MICROSOFT_APP_ID is not set', () => {
    const { lines, logger } = capturingLogger();
    createBotFrameworkAdapter(
      {
        microsoftAppId: undefined,
        microsoftAppPassword: undefined,
        microsoftAppTenantId: undefined,
        microsoftAppType: 'MultiTenant',
      },
      logger,
    );
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('MICROSOFT_APP_ID is not set') }),
    ]);
  });

  it('says nothing of the kind when an app id is configured', () => {
    const { lines, logger } = capturingLogger();
    createBotFrameworkAdapter(
      {
        microsoftAppId: 'app',
        microsoftAppPassword: 'pw',
        microsoftAppTenantId: undefined,
        microsoftAppType: 'MultiTenant',
      },
      logger,
    );
    expect(lines).toEqual([]);
  });
});
