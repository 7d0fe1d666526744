/**
 * `graphql-ws/use/ws` is a subpath export, which the project's `moduleResolution` (node10, kept
 * for tsc-alias and CommonJS) cannot see; Node resolves it at run time. Its declaration, restated
 * from graphql-ws 6 (dist/use/ws.d.ts) on the types the package root exports.
 */
declare module 'graphql-ws/use/ws' {
  import type { IncomingMessage } from 'node:http';
  import type { ConnectionInitMessage, Disposable, ServerOptions } from 'graphql-ws';
  import type WebSocket from 'ws';
  import type { WebSocketServer } from 'ws';

  export interface Extra {
    readonly socket: WebSocket;
    readonly request: IncomingMessage;
  }

  export function useServer<P extends ConnectionInitMessage['payload'] = ConnectionInitMessage['payload'], E extends Record<PropertyKey, unknown> = Record<PropertyKey, never>>(
    options: ServerOptions<P, Extra & Partial<E>> & { isProd?: boolean },
    ws: WebSocketServer,
    keepAlive?: number,
  ): Disposable;
}
