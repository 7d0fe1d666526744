import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger as Pino } from 'pino';

type BootLevel = 'warn' | 'error' | 'fatal';

/**
 * Nest's warnings and errors while an app is created, before its pino logger (jsonLogging) takes
 * over: written at once, as the same JSON lines (`app`, pino's numeric `level`, `time`, `msg`,
 * `context`, `err`), so a log pipeline that reads the app's lines also reads the ones that say why
 * it does not start (an unreachable MONGO_URL or REDIS_URL). Informational lines are left out,
 * as Nest's own start-up chatter.
 */
export class BootLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(app: string, destination?: DestinationStream) {
    const options = { base: { app }, messageKey: 'msg', level: 'warn' };
    this.pino = destination ? pino(options, destination) : pino(options);
  }

  log(): void {}

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest calls (message, context) or, for an error, (message, stack, context); a message may be an object of fields or an Error. */
  private write(level: BootLevel, message: unknown, params: unknown[]): void {
    const fields: Record<string, unknown> = {};
    const context = params.length > 0 ? params[params.length - 1] : undefined;
    if (typeof context === 'string') fields.context = context;
    const stack = params.length > 1 ? params[0] : undefined;
    if (message instanceof Error) {
      fields.err = message;
      fields.msg = message.message;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else {
      fields.msg = String(message);
      if (typeof stack === 'string') fields.err = Object.assign(new Error(String(message)), { stack });
    }
    this.pino[level](fields);
  }
}
