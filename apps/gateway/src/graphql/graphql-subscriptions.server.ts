import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { DocumentNode, ExecutionResult, GraphQLError, Kind, parse, specifiedRules, validate } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { IncomingMessage, Server } from 'node:http';
import { Duplex } from 'node:stream';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { AppConfig } from '@lib/config';
import { ApiKeyVerifier, INVALID_KEY, KEYLESS_BODY_LIMIT_BYTES, KeyStoreUnavailableException, presentedKey } from '../auth/api-key.guard';
import { InFlightLimit } from '../auth/in-flight-limit';
import { forwardedClientAddress, RateLimitedException } from '../auth/rate-limiter';
import { explainedValidationMessage, GRAPHQL_VALIDATION_RULES } from './graphql-limits';
import { unmergeableSelections } from './selection-merging';
import { variableErrorField } from './variable-errors.plugin';

export const GRAPHQL_PATH = '/graphql';
/** Live boards one connection may follow at once: each is a board stream held in this gateway. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
export const MISSING_CONNECTION_KEY = 'missing API key: send it in connectionParams as "x-api-key"';

/** WebSocket close code 1013: the server cannot serve now, the client may reconnect later. */
const TRY_AGAIN_LATER = 1013;
/** WebSocket close code 1009: a message too big to process. */
const MESSAGE_TOO_BIG = 1009;

function messageBytes(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/** A close frame's reason is limited to 123 bytes. */
function closeReason(message: string): string {
  const bytes = Buffer.from(message);
  return bytes.length <= 123 ? message : bytes.subarray(0, 120).toString().replace(/\uFFFD$/, '') + '...';
}

/** graphql-ws clients authenticate with connectionParams { "x-api-key": KEY }: the guards read them as headers. */
function subscriptionContext(connectionParams: Readonly<Record<string, unknown>> | undefined) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(connectionParams ?? {})) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  return { req: { headers } };
}

/** `error` with `code` in its extensions (where graphql-js gives none), and its message said more clearly where it can be. */
function coded(error: GraphQLError, code: ApolloServerErrorCode, message = error.message, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, ...extensions, code } });
}

/**
 * Variables the operation cannot take ("Variable "$limit" got invalid value …"): BAD_USER_INPUT with
 * the argument in `field`, as Apollo and variableErrorsPlugin answer them over HTTP.
 */
function codingVariableErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  const isVariableError = (error: GraphQLError) => error.extensions.code === undefined && error.nodes?.length === 1 && error.nodes[0].kind === Kind.VARIABLE_DEFINITION;
  return {
    ...result,
    errors: result.errors?.map((error) => {
      if (!isVariableError(error)) return error;
      const field = variableErrorField(error.message, document);
      return coded(error, ApolloServerErrorCode.BAD_USER_INPUT, error.message, field === undefined ? {} : { field });
    }),
  };
}

/**
 * GraphQL subscriptions (graphql-ws) on GRAPHQL_PATH, served here instead of by Nest's GraphQL
 * module, whose WebSocket server takes no options: ws' default accepts 100 MiB messages, each
 * buffered whole before anything reads it, from a client that needs no key to connect (an ad-hoc
 * probe sent 64 MiB and the gateway's RSS reached 408 MB). Here a message is bounded like an
 * HTTP body (BODY_LIMIT_BYTES; past it the connection closes with 1009), a connection needs a
 * valid key, one key holds at most LIVE_VIEWS_PER_KEY connections, and one connection follows at
 * most MAX_SUBSCRIPTIONS_PER_CONNECTION boards.
 */
@Injectable()
export class GraphqlSubscriptionsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sockets: WebSocketServer;
  private server?: ReturnType<typeof useServer>;
  private readonly upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://gateway').pathname !== GRAPHQL_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      this.limitUntilAcknowledged(ws);
      this.sockets.emit('connection', ws, req);
    });
  };
  /**
   * Open connections per API key: as many as the key's live views (LIVE_VIEWS_PER_KEY), since a
   * connection serves one at least. Unbounded, one key could hold any number of sockets open here.
   */
  private readonly connectionsByKey: InFlightLimit;
  /** Connections whose key onConnect accepted: their messages may be up to BODY_LIMIT_BYTES. */
  private readonly acknowledged = new WeakSet<WebSocket>();

  constructor(
    private readonly httpAdapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly keys: ApiKeyVerifier,
    config: AppConfig,
  ) {
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: config.BODY_LIMIT_BYTES });
    this.connectionsByKey = new InFlightLimit(config.LIVE_VIEWS_PER_KEY);
  }

  onApplicationBootstrap(): void {
    this.server = useServer(
      {
        // Errors the server itself meets are logged to stderr, not described to clients.
        isProd: true,
        schema: this.schemaHost.schema,
        context: (ctx) => subscriptionContext(ctx.connectionParams),
        // A connection needs a valid key from its start, or it could stay open without one; each
        // subscription is still checked for its scope. Refused with 4403 and the reason.
        onConnect: async (ctx) => {
          const presented = presentedKey(subscriptionContext(ctx.connectionParams).req.headers);
          let verified;
          try {
            verified = presented ? await this.keys.verify(presented, this.clientAddress(ctx.extra.request)) : null;
          } catch (error) {
            // The key store did not answer for a key not seen before, or the address is past its budget of unknown keys: 1013, try again later.
            if (!(error instanceof KeyStoreUnavailableException) && !(error instanceof RateLimitedException)) throw error;
            ctx.extra.socket.close(TRY_AGAIN_LATER, closeReason(error.message));
            return false;
          }
          const refusal = !presented ? MISSING_CONNECTION_KEY : verified ? undefined : INVALID_KEY;
          if (refusal || !verified) {
            ctx.extra.socket.close(CloseCode.Forbidden, refusal);
            return false;
          }
          const slot = this.connectionsByKey.acquire(verified._id);
          if (typeof slot !== 'function') {
            ctx.extra.socket.close(TRY_AGAIN_LATER, closeReason(`this API key holds ${this.connectionsByKey.perHolder} connections here, the most (LIVE_VIEWS_PER_KEY): close one first`));
            return false;
          }
          // The key's check may wait on Mongo: a client gone meanwhile closed the socket before this
          // listener, and its slot would stay taken for good (LIVE_VIEWS_PER_KEY of them: 1013 until a restart).
          if (ctx.extra.socket.readyState !== WebSocket.OPEN) {
            slot();
            return false;
          }
          ctx.extra.socket.once('close', slot);
          this.acknowledged.add(ctx.extra.socket);
          return true;
        },
        onSubscribe: (ctx, _id, payload) => {
          // This operation is counted already (graphql-ws reserves its id first).
          if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
            return [new GraphQLError(`a connection follows at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions at once: complete one or open another connection`, { extensions: { code: 'TOO_MANY_REQUESTS' } })];
          }
          // Parsed and validated here rather than by graphql-ws, which closed the whole connection on
          // a syntax error (4500 "Internal server error", every subscription on it gone) and sent
          // its errors without a code: each is now this operation's error, coded as Apollo codes it over HTTP.
          let document: DocumentNode;
          try {
            document = parse(payload.query);
          } catch (error) {
            if (error instanceof GraphQLError) return [coded(error, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
            throw error;
          }
          const unmergeable = unmergeableSelections(document);
          if (unmergeable) return [new GraphQLError(unmergeable, { extensions: { code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED } })];
          const invalid = validate(this.schemaHost.schema, document, [...specifiedRules, ...GRAPHQL_VALIDATION_RULES]);
          if (invalid.length > 0) return invalid.map((error) => coded(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED, explainedValidationMessage(error.message)));
          return { schema: this.schemaHost.schema, document, operationName: payload.operationName, variableValues: payload.variables };
        },
        onOperation: async (_ctx, _id, _payload, args, result) => {
          const settled = await result;
          return Symbol.asyncIterator in settled ? undefined : codingVariableErrors(settled, args.document);
        },
      },
      this.sockets,
    );
    (this.httpAdapterHost.httpAdapter.getHttpServer() as Server).on('upgrade', this.upgrade);
  }

  /** The client's address as Express reads req.ip (TRUST_PROXY), for the unknown keys' budget. */
  private clientAddress(request: IncomingMessage): string {
    const trust = (this.httpAdapterHost.httpAdapter.getInstance() as { get(setting: string): unknown }).get('trust proxy fn') as (address: string, hop: number) => boolean;
    return forwardedClientAddress(request, trust);
  }

  /**
   * Until its key is accepted a connection may send KEYLESS_BODY_LIMIT_BYTES a message; past it, it
   * is closed (1009) before graphql-ws parses the message. graphql-ws parsed whatever came, up to
   * BODY_LIMIT_BYTES, and only then refused a connection without a key: a 5 MB connection_init of
   * {} made ~110 MB of heap for anyone, as HTTP bodies did before the key was checked first.
   */
  private limitUntilAcknowledged(ws: WebSocket): void {
    const emit = ws.emit.bind(ws);
    ws.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
      if (event === 'message' && !this.acknowledged.has(ws) && messageBytes(args[0] as RawData) > KEYLESS_BODY_LIMIT_BYTES) {
        ws.close(MESSAGE_TOO_BIG, `messages before the connection is acknowledged are limited to ${KEYLESS_BODY_LIMIT_BYTES} bytes`);
        return false;
      }
      return emit(event, ...args);
    }) as WebSocket['emit'];
  }

  async onModuleDestroy(): Promise<void> {
    (this.httpAdapterHost.httpAdapter.getHttpServer() as Server).off('upgrade', this.upgrade);
    await this.server?.dispose();
  }
}
