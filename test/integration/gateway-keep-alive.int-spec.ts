import { connect, Socket } from 'node:net';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig } from '../support/test-config';

/**
 * A load balancer or reverse proxy reuses its idle connections to the gateway for up to its own
 * idle timeout (AWS ALB and nginx: 60 s). Node closed them after 5 s idle (its keepAliveTimeout),
 * so a request the proxy sent as the gateway closed the connection was lost: a 502 to the client,
 * now and then, for no reason it could see. They stay open HTTP_KEEP_ALIVE_SEC (65 s) now.
 */
describe('gateway keep-alive connections', () => {
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    pipeline = await startPipeline(testConfig(), ['gateway']);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  /** Sends one request on `socket` and resolves with the answer's status line. */
  const ask = (socket: Socket) =>
    new Promise<string>((resolve, reject) => {
      let answer = '';
      const onData = (chunk: Buffer) => {
        answer += chunk.toString();
        if (!answer.includes('\r\n\r\n')) return;
        socket.off('data', onData).off('close', onClose);
        resolve(answer.split('\r\n')[0]);
      };
      const onClose = () => reject(new Error('the gateway closed the connection'));
      socket.on('data', onData).once('close', onClose);
      socket.write('GET /health/live HTTP/1.1\r\nHost: gateway\r\n\r\n');
    });

  it("keeps an idle connection open past Node's 5 s, for the next request a proxy sends on it", async () => {
    const { hostname, port } = new URL(pipeline.url);
    const socket = connect(Number(port), hostname);
    const closed = new Promise<'closed'>((resolve) => socket.once('close', () => resolve('closed')));
    try {
      expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
      // Idle past Node's default keepAliveTimeout (5 s): the gateway closed the connection here.
      expect(await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('open'), 6_000))])).toBe('open');
      expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
    } finally {
      socket.destroy();
    }
  });
});
