import { mulberry32 } from '../../libs/text-model/src/dataset';

/**
 * Deterministic synthetic activity in realistic shapes (IDE, terminal, chat, meetings, browser
 * tabs on common and unknown sites, unknown desktop apps) for benchmarks and chaos runs.
 */

/** Seeded PRNG (the model's training data uses the same one), so every run generates the same data. */
export const seededRandom = mulberry32;

export interface GeneratedEvent {
  eventId: string;
  userId: string;
  app: string;
  title?: string;
  url?: string;
  startedAt: number;
  durationSec: number;
}

const FILES = ['main.ts', 'index.tsx', 'server.go', 'lib.rs', 'README.md', 'app.py', 'Dockerfile', 'schema.sql', 'build.gradle'];
const PROJECTS = ['api', 'web', 'billing', 'infra', 'mobile', 'data-pipeline'];
const SHAPES: Array<[number, (r: () => number, user: string) => Omit<GeneratedEvent, 'eventId' | 'userId' | 'startedAt' | 'durationSec'>]> = [
  [22, (r) => ({ app: 'Code', title: `${pick(r, FILES)} - ${pick(r, PROJECTS)} - Visual Studio Code` })],
  [8, (r) => ({ app: 'idea64.exe', title: `${pick(r, PROJECTS)} – ${pick(r, FILES)}` })],
  [8, (r) => ({ app: 'gnome-terminal', title: `~/src/${pick(r, PROJECTS)}: npm test` })],
  [10, (r) => ({ app: 'Slack', title: `#${pick(r, ['general', 'eng', 'random', 'incidents'])} | Acme - Slack` })],
  [6, () => ({ app: 'zoom.us', title: 'Zoom Meeting' })],
  [6, (r) => ({ app: 'Google Chrome', title: 'Pull request · acme/api', url: `https://github.com/acme/${pick(r, PROJECTS)}/pull/${Math.floor(r() * 900) + 1}` })],
  [5, (r) => ({ app: 'Firefox', title: 'Stack Overflow', url: `https://stackoverflow.com/questions/${Math.floor(r() * 7e7)}` })],
  [6, (r) => ({ app: 'Google Chrome', title: 'YouTube', url: `https://www.youtube.com/watch?v=${Math.floor(r() * 1e9).toString(36)}` })],
  [5, () => ({ app: 'Google Chrome', title: 'Inbox - Gmail', url: 'https://mail.google.com/mail/u/0/#inbox' })],
  [5, () => ({ app: 'Google Chrome', title: 'Q4 plan - Google Docs', url: 'https://docs.google.com/document/d/abc/edit' })],
  [4, () => ({ app: 'Spotify', title: 'Spotify Premium' })],
  [3, (r) => ({ app: 'Google Chrome', title: 'reddit', url: `https://www.reddit.com/r/${pick(r, ['programming', 'news', 'aww'])}/` })],
  [6, (r) => ({ app: 'Google Chrome', title: 'Internal tool', url: `https://intranet-${Math.floor(r() * 50)}.example.org/page` })],
  [6, (r) => ({ app: `acme-tool-${Math.floor(r() * 40)}`, title: 'Untitled' })],
];
const TOTAL_WEIGHT = SHAPES.reduce((n, [w]) => n + w, 0);

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

export interface GeneratorOptions {
  users: number;
  seed?: number;
  /** Epoch seconds of the first activity; events advance through the day. */
  dayStart: number;
  idPrefix?: string;
}

export class ActivityGenerator {
  private readonly random: () => number;
  private sequence = 0;

  constructor(private readonly options: GeneratorOptions) {
    this.random = seededRandom(options.seed ?? 42);
  }

  next(): GeneratedEvent {
    const r = this.random;
    let roll = r() * TOTAL_WEIGHT;
    let shape = SHAPES[0][1];
    for (const [weight, make] of SHAPES) {
      if ((roll -= weight) < 0) {
        shape = make;
        break;
      }
    }
    const n = this.sequence++;
    const userId = `user-${String(n % this.options.users).padStart(5, '0')}`;
    return {
      eventId: `${this.options.idPrefix ?? 'gen'}-${n}`,
      userId,
      ...shape(r, userId),
      startedAt: this.options.dayStart + Math.floor(r() * 20 * 3600),
      durationSec: 5 + Math.floor(r() * 300),
    };
  }

  batch(size: number): GeneratedEvent[] {
    return Array.from({ length: size }, () => this.next());
  }
}
