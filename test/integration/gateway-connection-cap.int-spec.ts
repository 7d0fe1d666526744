import { Logger } from '@nestjs/common';
import { Server } from 'node:http';
import { connect as connectTcp, Socket } from 'node:net';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';

/**
 * HTTP_MAX_CONNECTIONS: the gateway holds at most that many open connections per port. Before,
 * there was no bound: a client opening connections without sending anything (no key to check, no
 * rate limit to meet) took the process' memory and descriptors without end.
 */
describe('gateway: open connections capped at HTTP_MAX_CONNECTIONS', () => {
  let pipeline: RunningPipeline;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    pipeline = await startPipeline(testConfig({ HTTP_MAX_CONNECTIONS: '3' }), ['gateway']);
    port = Number(new URL(pipeline.url).port);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    jest.restoreAllMocks();
    await pipeline?.close();
  });

  /** A connection that sends nothing; resolves once open, with what it read until it closed. */
  const open = async () => {
    const socket = connectTcp(port, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined);
    let read = '';
    socket.on('data', (chunk: Buffer) => (read += chunk.toString()));
    const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(read)));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return { socket, closed };
  };
  const openConnections = () => new Promise<number>((resolve, reject) => (pipeline.apps.gateway!.getHttpServer() as Server).getConnections((error, count) => (error ? reject(error) : resolve(count))));

  it('closes a connection past the cap at once, counts and logs it, and serves again once one closed', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const held = [await open(), await open(), await open()];
    await waitFor(async () => (await openConnections()) === 3, 'three connections open');
    const past = await open();
    // Closed before anything was read or answered.
    expect(await past.closed).toBe('');
    expect(warn.mock.calls.map(([line]) => line)).toEqual([expect.objectContaining({ msg: '3 connections open on the api port, the most (HTTP_MAX_CONNECTIONS): closed a new one at once' })]);

    held[0].socket.destroy();
    await held[0].closed;
    await waitFor(async () => (await openConnections()) === 2, 'a connection closed');
    const answer = await fetch(`${pipeline.url}/metrics`, { headers: { connection: 'close' } });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/^ap_http_connections_refused_total\{listener="api"\} 1$/m);
  });
});
