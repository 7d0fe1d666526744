import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { connect, ErrorCode, JetStreamClient, JetStreamManager, Msg, NatsConnection, NatsError, Subscription } from 'nats';
import { AppConfig, cannotReach, FailFastConnect, maskedUrl } from '@lib/config';
import { pipelineNames, PipelineNames, RpcError } from '@lib/contracts';
import { whatAnswersAt } from './nats-server-probe';

/** The app's single NATS connection, shared by publishers, consumers and request/reply. */
@Injectable()
export class NatsConnectionService implements OnApplicationShutdown {
  private readonly logger = new Logger('Nats');
  private connection?: NatsConnection;
  private manager?: JetStreamManager;
  /** Between a disconnect and the reconnect: the client buffers what is sent meanwhile, nobody answers it. */
  private disconnected = false;
  private markConnected!: () => void;
  private readonly reconnectListeners = new Set<() => void>();
  readonly names: PipelineNames;
  /** Resolves once connect() succeeded: messaging connects after Nest's lifecycle hooks ran. */
  readonly connected = new Promise<void>((resolve) => (this.markConnected = resolve));

  constructor(private readonly config: AppConfig, @Optional() private readonly failFast?: FailFastConnect) {
    this.names = pipelineNames(config.PIPELINE_PREFIX);
  }

  /** How often an app still waiting for its first connection says so. */
  waitingLogIntervalMs = 10_000;

  async connect(name: string): Promise<void> {
    if (this.connection) return;
    // An app waits for NATS for ever (the client says nothing meanwhile): without this line a wrong
    // NATS_URL was an app that logged nothing at all and never became ready.
    const started = Date.now();
    // Each line says what answers at each server instead (whatAnswersAt): nothing, or another server.
    let probing = false;
    let waitOver = false;
    const waiting = this.failFast
      ? undefined
      : setInterval(() => {
          if (probing) return;
          probing = true;
          void Promise.all(this.config.NATS_URL.split(',').map(whatAnswersAt)).then((answers) => {
            probing = false;
            if (waitOver) return;
            const what = answers.filter((answer) => answer !== undefined).join('; ') || 'no answer yet';
            this.logger.warn({ msg: `waiting for NATS at NATS_URL=${maskedUrl(this.config.NATS_URL)}: ${what}; still trying`, waitedSec: Math.round((Date.now() - started) / 1000) });
          });
        }, this.waitingLogIntervalMs);
    this.connection = await connect({
      servers: this.config.NATS_URL.split(','),
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      // An app waits for NATS to come up; a command-line tool gives up at once, naming it.
      ...(this.failFast ? { waitOnFirstConnect: false, timeout: this.failFast.timeoutMs } : { waitOnFirstConnect: true }),
      // Otherwise every request and JetStream publish captures two stack traces up front, in case it
      // fails: ~45 µs of CPU per request (docs/operations.md, "CPU"). Our errors name the subject
      // and the operation themselves.
      noAsyncTraces: true,
    })
      // An app waits through connection failures: what ends its wait (credentials refused) is said naming NATS_URL too.
      .catch((error: unknown) => {
        throw cannotReach('NATS_URL', this.config.NATS_URL, error);
      })
      .finally(() => {
        waitOver = true;
        clearInterval(waiting);
      });
    this.manager = await this.connection.jetstreamManager().catch(async (error: unknown) => {
      await this.connection?.close().catch(() => undefined);
      throw isJetStreamOff(error) ? jetStreamOff(this.config.NATS_URL) : error;
    });
    void this.watchStatus(this.connection);
    // NATS_URL as configured (the operator's to match), and the server of its list it reached.
    this.logger.log({ msg: 'connected to NATS', NATS_URL: maskedUrl(this.config.NATS_URL), server: this.connection.getServer() });
    this.markConnected();
  }

  /**
   * Subscribes to a core subject as soon as the connection is up (messaging connects after Nest's
   * lifecycle hooks ran, so a hook cannot subscribe directly); the returned stop() ends it, or
   * prevents it if the connection is not up yet. A handler that throws costs that message only:
   * the client calls it inside its reader, and an exception there stopped the connection reading
   * anything more (no reply, no message, not even its shutdown) for the life of the process.
   */
  subscribeOnceConnected(subject: string, onMessage: (msg: Msg) => void): () => void {
    let stopped = false;
    let subscription: Subscription | undefined;
    void this.connected.then(() => {
      if (stopped) return;
      subscription = this.nc.subscribe(subject, {
        callback: (error, msg) => {
          if (error) return;
          try {
            onMessage(msg);
          } catch (failure) {
            this.logger.warn({ msg: 'a message could not be handled; it is dropped', subject, err: String(failure) });
          }
        },
      });
    });
    return () => {
      stopped = true;
      subscription?.unsubscribe();
    };
  }

  /** Calls `listener` after every reconnect (not the first connect), until the returned stop(). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new Error('NATS is not connected yet');
    return this.connection;
  }

  get js(): JetStreamClient {
    return this.nc.jetstream();
  }

  /** The largest message the server takes (its max_payload; nats-server's default, 1 MiB, until it has said). */
  get maxPayload(): number {
    return this.nc.info?.max_payload ?? 1024 * 1024;
  }

  get jsm(): JetStreamManager {
    if (!this.manager) throw new Error('NATS is not connected yet');
    return this.manager;
  }

  /**
   * The JetStream API for a request someone is waiting on: while NATS is away a call would wait out
   * the client's 5 s API timeout and then fail as "NATS did not answer".
   */
  get reachableJsm(): JetStreamManager {
    if (!this.isReachable) throw natsUnreachable();
    return this.jsm;
  }

  get isConnected(): boolean {
    return !!this.connection && !this.connection.isClosed() && !this.connection.isDraining();
  }

  /** Connected and not between a disconnect and the reconnect: a request can be answered now. */
  get isReachable(): boolean {
    return this.isConnected && !this.disconnected;
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') {
        this.disconnected = status.type === 'disconnect';
        this.logger.warn({ msg: `NATS ${status.type}`, data: status.data });
        if (status.type === 'reconnect') for (const listener of this.reconnectListeners) listener();
      }
    }
  }

  /** Runs after consumers stopped (they stop in onModuleDestroy): flushes pending acks and publishes. */
  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => undefined);
    }
  }
}

/** The JetStream API's answer on a server started without it (`nats-server` without -js). */
function isJetStreamOff(error: unknown): boolean {
  return error instanceof NatsError && error.code === ErrorCode.JetStreamNotEnabled;
}

/** Said in place of the client's bare "503": every app and command stopped with that alone. */
function jetStreamOff(url: string): Error {
  return new Error(`NATS at NATS_URL=${maskedUrl(url)} has no JetStream (its JetStream API answered 503): start nats-server with -js (--jetstream), or enable JetStream for this account`);
}

/** A 503 the gateway answers with Retry-After, before waiting for a server it knows is away. */
export function natsUnreachable(): RpcError {
  return new RpcError(503, 'NATS is unreachable (NATS_URL): retry shortly');
}
