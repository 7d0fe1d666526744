import { ACTIVITIES, ActivityName, BREAK_ACTIVITIES, Persona, PERSONA_FOCUS } from './activity-catalog';

/** An activity event as a tracker sends it to POST /v1/events. */
export interface DemoEvent {
  userId: string;
  app: string;
  title: string;
  url?: string;
  startedAt: string;
  durationSec: number;
  source: 'demo';
}

export interface WorkDayOptions {
  userId: string;
  persona: Persona;
  /** When the work day starts (epoch ms) and how long it lasts (3 hours or more). */
  startMs: number;
  lengthSec: number;
  /** Uniform [0, 1): seeded in tests, so a day is reproducible. */
  random: () => number;
}

const MINUTE = 60_000;

interface Slot {
  from: number;
  to: number;
}

/**
 * One person's day: arrival, mail and chat first, a standup, focus blocks of the persona's work
 * interrupted by chat, scheduled meetings, lunch away from the keyboard, short breaks. Each block
 * becomes events of 1–5 minutes, as a tracker that cuts at window changes would send them.
 */
export function simulateWorkDay(options: WorkDayOptions): DemoEvent[] {
  const { random } = options;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const weighted = (weights: Partial<Record<ActivityName, number>>): ActivityName => {
    const entries = Object.entries(weights) as Array<[ActivityName, number]>;
    let x = random() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [name, w] of entries) if ((x -= w) < 0) return name;
    return entries[entries.length - 1][0];
  };

  const end = options.startMs + options.lengthSec * 1000;
  const minutes = (n: number) => n * MINUTE;
  const lunch: Slot = { from: options.startMs + options.lengthSec * 1000 * (0.42 + random() * 0.08), to: 0 };
  lunch.to = lunch.from + minutes(int(30, 55));
  const meetings: Slot[] = [{ from: options.startMs + minutes(30), to: options.startMs + minutes(45) }];
  const meetingCount = options.persona === 'manager' ? int(3, 5) : int(0, 2);
  for (let i = 0; i < meetingCount; i++) {
    const from = options.startMs + minutes(60) + random() * (options.lengthSec * 1000 - minutes(120));
    const slot = { from, to: from + minutes(pick([25, 30, 45, 55])) };
    if (![lunch, ...meetings].some((m) => slot.from < m.to && m.from < slot.to)) meetings.push(slot);
  }
  meetings.sort((a, b) => a.from - b.from);

  const events: DemoEvent[] = [];
  const emit = (activity: ActivityName, from: number, to: number) => {
    for (let t = Math.ceil(from / 1000) * 1000; to - t >= 1000; ) {
      const seconds = Math.min(Math.floor((to - t) / 1000), int(60, 300));
      events.push({ userId: options.userId, ...ACTIVITIES[activity](pick, int), startedAt: new Date(t).toISOString(), durationSec: seconds, source: 'demo' });
      t += seconds * 1000;
    }
  };

  let t = options.startMs + minutes(int(0, 20));
  for (const [activity, length] of [['email', minutes(int(5, 12))], ['chat', minutes(int(2, 6))]] as const) {
    emit(activity, t, t + length);
    t += length;
  }
  while (t < end) {
    if (t >= lunch.from && t < lunch.to) {
      t = lunch.to;
      continue;
    }
    const meeting = meetings.find((m) => t >= m.from && t < m.to);
    if (meeting) {
      emit('meeting', t, Math.min(meeting.to, end));
      t = meeting.to;
      continue;
    }
    const nextStop = Math.min(end, ...[lunch, ...meetings].map((s) => s.from).filter((from) => from > t));
    const roll = random();
    const [activity, length] =
      roll < 0.1 ? [weighted(BREAK_ACTIVITIES), minutes(int(5, 15))] : roll < 0.22 ? [pick<ActivityName>(['email', 'chat']), minutes(int(2, 6))] : [weighted(PERSONA_FOCUS[options.persona]), minutes(int(20, 60))];
    const to = Math.min(t + length, nextStop);
    emit(activity, t, to);
    t = to;
  }
  return events;
}

/**
 * Where the simulated day lies, for the closing line: it ends when the demo does, so run in the
 * first 8.5 hours after midnight most of it is on the day before, and the dashboard (today by
 * default) looked nearly empty after a demo without a word on where the time went.
 */
export function simulatedDayText(startMs: number, endMs: number): string {
  const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const [from, to] = [at(startMs), at(endMs)];
  const span = from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)} UTC` : `${from} – ${to} UTC`;
  return `the simulated day ran ${span}; the boards count each event on the date it happened: pick that date in the dashboard`;
}
