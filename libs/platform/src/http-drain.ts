import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';

/** The servers an app answers on (its port, the gateway's AW_PORT): a stop drains them all. */
const drains = new Map<Server, HttpDrain>();

/**
 * How long a connection that has sent no request yet is kept once the stop began: a client sends
 * its request as soon as it connects, so one still silent after this is a preconnect or idle.
 */
const FIRST_REQUEST_WAIT_MS = 1000;

/**
 * One HTTP server's connections through a stop, within the app's one budget (SHUTDOWN_GRACE_SEC):
 * an idle keep-alive connection ends at once, a busy one as soon as its last answer is sent (which
 * says Connection: close), one with no request yet after its first answer or FIRST_REQUEST_WAIT_MS
 * of silence, and those still open at the deadline are cut. The gateway's Apollo drained its server on its own,
 * with a fixed 10 s, whatever SHUTDOWN_GRACE_SEC said: at 8 the process exited first, with the
 * line meant for a hung dependency; at 30 open requests were cut at 10 s all the same.
 */
export class HttpDrain {
  /** Requests being answered per connection; an upgraded one (WebSocket) is closed by its own server. */
  private readonly openRequests = new Map<Duplex, number>();
  private readonly upgraded = new WeakSet<Duplex>();
  /** Connections that sent a request: one that did not may have it on the way. */
  private readonly used = new WeakSet<Duplex>();
  /** Answers not sent yet: told at the stop that their connection closes after them. */
  private readonly unanswered = new Set<ServerResponse>();
  private stopping = false;
  private drained?: Promise<number>;
  private settle?: () => void;

  private constructor(server: Server) {
    server.on('connection', (socket: Duplex) => {
      this.openRequests.set(socket, 0);
      socket.once('close', () => {
        this.openRequests.delete(socket);
        if (this.openRequests.size === 0) this.settle?.();
      });
      if (this.stopping) this.endUnlessRequested(socket);
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const socket = req.socket;
      this.used.add(socket);
      this.openRequests.set(socket, (this.openRequests.get(socket) ?? 0) + 1);
      if (this.stopping) res.setHeader('connection', 'close');
      else this.unanswered.add(res);
      res.once('close', () => {
        this.unanswered.delete(res);
        const open = this.openRequests.get(socket);
        if (open === undefined) return;
        this.openRequests.set(socket, open - 1);
        if (this.stopping && open === 1) socket.end();
      });
    });
    server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => this.upgraded.add(socket));
  }

  /** The drain of `server`, following its connections from now on: call it before the server takes any. */
  static of(server: Server): HttpDrain {
    let drain = drains.get(server);
    if (!drain) drains.set(server, (drain = new HttpDrain(server)));
    return drain;
  }

  /**
   * Drains every server followed: each resolves once its connections are closed, or at `deadlineMs`
   * from now, cutting those left; the sum of the requests cut.
   */
  static async stopAll(deadlineMs: number): Promise<number> {
    const cut = await Promise.all([...drains.values()].map((drain) => drain.stop(deadlineMs)));
    return cut.reduce((sum, count) => sum + count, 0);
  }

  /** Set once the stop began: resolves with the requests cut at the deadline, once no connection is left. */
  get finished(): Promise<number> | undefined {
    return this.drained;
  }

  /** See stopAll; the port stays open (each app's close shuts it), and a request still coming is answered with `Connection: close`. */
  stop(deadlineMs: number): Promise<number> {
    this.drained ??= new Promise<number>((resolve) => {
      this.stopping = true;
      // Said in the answer, or a keep-alive client sends its next request on a connection the drain ends right after it (ECONNRESET, for a request already taken).
      for (const res of this.unanswered) if (!res.headersSent) res.setHeader('connection', 'close');
      this.unanswered.clear();
      const timer = setTimeout(() => {
        let cut = 0;
        for (const [socket, open] of this.openRequests) {
          cut += open;
          socket.destroy();
        }
        resolve(cut);
      }, deadlineMs);
      this.settle = () => {
        clearTimeout(timer);
        resolve(0);
      };
      for (const [socket, open] of this.openRequests) {
        if (open > 0 || this.upgraded.has(socket)) continue;
        if (this.used.has(socket)) socket.end();
        else this.endUnlessRequested(socket);
      }
      if (this.openRequests.size === 0) this.settle();
    });
    return this.drained;
  }

  /** A connection with no request yet: ended unless one comes within FIRST_REQUEST_WAIT_MS (it then ends after its answer). */
  private endUnlessRequested(socket: Duplex): void {
    setTimeout(() => {
      if (!this.used.has(socket) && !this.upgraded.has(socket)) socket.end();
    }, FIRST_REQUEST_WAIT_MS).unref();
  }
}
