import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Msg, Subscription } from 'nats';
import { AppConfig } from '@lib/config';
import { HEADERS, PipelineNames, RpcError, RpcReply, unreachableDependency } from '@lib/contracts';
import { toHeaders } from './jetstream-publisher';
import { RPC_HANDLER, RpcHandlerOptions } from './messaging.decorators';
import { NatsConnectionService, natsUnreachable } from './nats-connection.service';

export interface RpcContext {
  correlationId?: string;
  /** A header of the request (options of a raw-payload request). */
  header(name: string): string | undefined;
}

/** What a caller passes along with a request. */
export interface RpcRequestOptions {
  correlationId?: string;
  headers?: Record<string, string | undefined>;
}

type RpcMethod = (payload: unknown, context: RpcContext) => Promise<unknown>;

/** A handler with `waitsOn` answers within this share of RPC_TIMEOUT_MS, the rest left for the answer's way back. */
const RPC_ANSWER_SHARE = 0.8;

/** Serves the app's @RpcHandler methods over NATS request/reply, one queue group per app. */
@Injectable()
export class RpcServer implements OnModuleDestroy {
  private readonly logger = new Logger('RpcServer');
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly nats: NatsConnectionService,
    private readonly config: AppConfig,
  ) {}

  start(appName: string): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const methodName of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[methodName] as RpcMethod;
        const options = this.reflector.get<RpcHandlerOptions | undefined>(RPC_HANDLER, method);
        if (!options) continue;
        const subject = options.subject(this.nats.names);
        const sub = this.nats.nc.subscribe(subject, {
          queue: `${this.config.PIPELINE_PREFIX}.${appName}`,
          callback: (error, msg) => {
            if (!error) void this.answer(msg, method.bind(instance), options);
          },
        });
        this.subscriptions.push(sub);
        this.logger.log({ msg: 'serving', subject });
      }
    }
  }

  private async answer(msg: Msg, method: RpcMethod, options: RpcHandlerOptions): Promise<void> {
    let reply: RpcReply<unknown>;
    try {
      const payload = options.rawPayload ? msg.data : msg.data.length ? msg.json() : undefined;
      const header = (name: string) => msg.headers?.get(name) || undefined;
      const result = method(payload, { correlationId: header(HEADERS.correlationId), header });
      reply = { ok: true, result: options.waitsOn === undefined ? await result : await this.withinAnswerTime(Promise.resolve(result), options.waitsOn) };
    } catch (error) {
      const unreachable = unreachableDependency(error);
      if (error instanceof RpcError) {
        reply = { ok: false, error: { status: error.status, message: error.message, details: error.details } };
      } else if (unreachable) {
        // Not a bug here: the caller may retry (503), and the log says which server, without a stack.
        this.logger.warn({ msg: 'rpc handler failed: a server it needs is unreachable', subject: msg.subject, err: (error as Error).message });
        reply = { ok: false, error: { status: 503, message: `${unreachable}: retry shortly` } };
      } else {
        this.logger.error({ msg: 'rpc handler failed', subject: msg.subject, err: String((error as Error)?.stack ?? error) });
        reply = { ok: false, error: { status: 500, message: 'internal error' } };
      }
    }
    if (msg.reply) msg.respond(Buffer.from(JSON.stringify(reply)));
  }

  /** `result`, or a 503 naming `waitsOn` once the caller's wait is almost over (a late failure of it is ignored). */
  private async withinAnswerTime<T>(result: Promise<T>, waitsOn: string): Promise<T> {
    const answerMs = Math.round(this.config.RPC_TIMEOUT_MS * RPC_ANSWER_SHARE);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RpcError(503, `${waitsOn} is unreachable (no answer within ${answerMs} ms): retry shortly`)), answerMs);
    });
    try {
      return await Promise.race([result, late]);
    } finally {
      clearTimeout(timer);
      result.catch(() => undefined);
    }
  }

  async onModuleDestroy(): Promise<void> {
    // Drain lets requests already received finish before the subscription closes.
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
  }
}

/** Calls another app's @RpcHandler; errors come back as RpcError with an HTTP-like status. */
@Injectable()
export class RpcClient {
  constructor(private readonly nats: NatsConnectionService, private readonly config: AppConfig) {}

  get names(): PipelineNames {
    return this.nats.names;
  }

  request<T>(subject: string, payload: unknown, options: RpcRequestOptions = {}): Promise<T> {
    // An absent HTTP body (undefined) travels as null, which the handler refuses for what it lacks.
    return this.requestBytes<T>(subject, Buffer.from(JSON.stringify(payload ?? null)), options);
  }

  /** A request whose payload is already bytes (a handler declared with `rawPayload`). */
  async requestBytes<T>(subject: string, data: Uint8Array, options: RpcRequestOptions = {}): Promise<T> {
    // While NATS is away a request would wait RPC_TIMEOUT_MS and then blame the app it was for.
    if (!this.nats.isReachable) throw natsUnreachable();
    let msg: Msg;
    try {
      msg = await this.nats.nc.request(subject, data, {
        timeout: this.config.RPC_TIMEOUT_MS,
        headers: toHeaders({ ...options.headers, [HEADERS.correlationId]: options.correlationId }),
      });
    } catch (error) {
      const text = String(error);
      // `<prefix>.rpc.<app>.<operation…>`
      const app = subject.slice(`${this.config.PIPELINE_PREFIX}.rpc.`.length).split('.')[0];
      if (/no responders|503/i.test(text)) throw new RpcError(503, `service unavailable (${app} is not running)`);
      if (!this.nats.isReachable) throw natsUnreachable();
      // Most often the app waits on its own database: say who did not answer, and how long we waited.
      if (/timeout/i.test(text)) throw new RpcError(504, `upstream service timed out (${app} did not answer within ${this.config.RPC_TIMEOUT_MS} ms, RPC_TIMEOUT_MS)`);
      throw new RpcError(502, `upstream request failed: ${text}`);
    }
    const reply = msg.json<RpcReply<T>>();
    if (!reply.ok) throw new RpcError(reply.error.status, reply.error.message, reply.error.details);
    return reply.result;
  }
}
