import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@lib/config';

/**
 * JSON logs (pino) with the app name on every line. HTTP requests get a correlation id from the
 * `x-correlation-id` header or a new one; it travels on in NATS headers (`ap-correlation-id`).
 */
export function jsonLogging(appName: string) {
  return LoggerModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({
      pinoHttp: {
        level: config.LOG_LEVEL,
        base: { app: appName },
        messageKey: 'msg',
        genReqId: (req: IncomingMessage) => {
          const given = req.headers['x-correlation-id'];
          return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
        },
        customAttributeKeys: { reqId: 'correlationId' },
        // Health probes and scrapes would drown the interesting lines.
        autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
        redact: ['req.headers["x-api-key"]', 'req.headers.authorization'],
      },
    }),
  });
}
