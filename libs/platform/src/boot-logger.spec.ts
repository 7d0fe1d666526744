import { Writable } from 'node:stream';
import { BootLogger } from './boot-logger';

describe('BootLogger', () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  const logger = new BootLogger('classification', destination);

  beforeEach(() => lines.splice(0));

  it("writes Nest's warnings as the app's JSON lines: app, pino's level, msg, context and the given fields", () => {
    logger.warn({ msg: 'redis unreachable', REDIS_URL: 'redis://127.0.0.1:1' }, 'Redis');
    expect(lines).toEqual([{ level: 40, time: expect.any(Number), app: 'classification', context: 'Redis', msg: 'redis unreachable', REDIS_URL: 'redis://127.0.0.1:1' }]);
  });

  it('gives an error with its stack (Nest: message, stack, context) the stack under err', () => {
    logger.error('Unable to connect to the database. Retrying (1)...', 'MongooseServerSelectionError: connect ECONNREFUSED 127.0.0.1:1\n    at x', 'MongooseModule');
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, app: 'classification', context: 'MongooseModule', msg: 'Unable to connect to the database. Retrying (1)...', err: expect.objectContaining({ stack: expect.stringContaining('ECONNREFUSED') }) }),
    ]);
  });

  it('reads an Error as the message, and leaves informational lines out', () => {
    logger.log();
    logger.fatal(new Error('listen EADDRINUSE'), 'NestApplication');
    expect(lines).toEqual([expect.objectContaining({ level: 60, context: 'NestApplication', msg: 'listen EADDRINUSE', err: expect.objectContaining({ type: 'Error', message: 'listen EADDRINUSE' }) })]);
  });
});
