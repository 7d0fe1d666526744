import { ApolloDriver } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { Server } from 'node:http';
import { HttpDrain } from '@lib/platform';

/**
 * Nest's Apollo driver, whose server drains the HTTP server only once the app's own drain is over
 * (runService's HttpDrain, within SHUTDOWN_GRACE_SEC): Apollo's drain, which Nest adds with no
 * option, cut open requests after a fixed 10 s. Here it closes the port as Apollo's did, then
 * finds no connection left. Stopped otherwise (a test closing the app), Apollo drains as before.
 */
@Injectable()
export class DrainingApolloDriver extends ApolloDriver {
  override async stop(): Promise<void> {
    const server = this.httpAdapterHost.httpAdapter.getHttpServer() as Server;
    const drained = HttpDrain.of(server).finished;
    if (drained) {
      server.close();
      await drained;
    }
    await super.stop();
  }
}
