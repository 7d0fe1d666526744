import { Injectable, NotFoundException } from '@nestjs/common';
import { invalidInput, parseUserId } from '@lib/contracts';
import { WatcherHostRepository } from '@lib/persistence';
import { WatcherHostView } from './watcher-host.model';

const HOSTNAME = /^[^\s/]{1,255}$/;

/**
 * Hostname → user mappings for ActivityWatch watchers that send no API key: the checks and answers
 * of REST and GraphQL alike, each refusal naming the input (`hostname`, `userId`).
 */
@Injectable()
export class WatcherHostsService {
  constructor(private readonly hosts: WatcherHostRepository) {}

  async list(): Promise<WatcherHostView[]> {
    return (await this.hosts.list()).map((h) => ({ hostname: h._id, userId: h.userId, updatedAt: h.updatedAt.toISOString() }));
  }

  async map(hostname: string, requestedUserId: unknown): Promise<WatcherHostView> {
    if (!HOSTNAME.test(hostname)) throw invalidInput('hostname', 'must be 1 to 255 characters without spaces or "/"');
    if (requestedUserId === undefined || requestedUserId === null) throw invalidInput('userId', 'is required: the user whose events this hostname sends');
    const userId = parseUserId(requestedUserId);
    const host = await this.hosts.put(hostname, userId);
    return { hostname: host._id, userId: host.userId, updatedAt: host.updatedAt.toISOString() };
  }

  async unmap(hostname: string): Promise<void> {
    if (!(await this.hosts.remove(hostname))) throw new NotFoundException({ message: `hostname "${hostname}" is not mapped`, field: 'hostname' });
  }
}
