import { ClassifierEngine, DEFAULT_RULESET } from '@lib/classifier-engine';
import { mulberry32 } from '@lib/text-model';
import { PERSONAS } from './activity-catalog';
import { simulatedDayText, simulateWorkDay } from './work-day';

describe('simulateWorkDay', () => {
  const startMs = Date.parse('2026-11-22T08:30:00Z');
  const lengthSec = 8.5 * 3600;
  const day = (persona: (typeof PERSONAS)[number], seed = 7) => simulateWorkDay({ userId: `demo-${persona}`, persona, startMs, lengthSec, random: mulberry32(seed) });

  it('fills the day with back-to-back events of 1 to 5 minutes, lunch away from the keyboard', () => {
    for (const persona of PERSONAS) {
      const events = day(persona);
      const starts = events.map((e) => Date.parse(e.startedAt));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(starts[0]).toBeGreaterThanOrEqual(startMs);
      const last = events[events.length - 1];
      expect(Date.parse(last.startedAt) + last.durationSec * 1000).toBeLessThanOrEqual(startMs + lengthSec * 1000);
      for (const e of events) expect(e.durationSec).toBeGreaterThanOrEqual(1);
      for (const e of events) expect(e.durationSec).toBeLessThanOrEqual(300);
      const tracked = events.reduce((n, e) => n + e.durationSec, 0);
      // 8.5 h minus arrival, lunch: 6.5 to 8.2 hours at the keyboard
      expect(tracked / 3600).toBeGreaterThan(6.5);
      expect(tracked / 3600).toBeLessThan(8.2);
      const gaps = events.slice(1).map((e, i) => Date.parse(e.startedAt) - (Date.parse(events[i].startedAt) + events[i].durationSec * 1000));
      expect(Math.max(...gaps)).toBeGreaterThanOrEqual(30 * 60_000);
    }
  });

  it('is reproducible for a seed and differs between seeds', () => {
    expect(day('developer', 1)).toEqual(day('developer', 1));
    expect(day('developer', 1)).not.toEqual(day('developer', 2));
  });

  it('sends mostly what the default rules know, some unknown apps for inference, and a realistic mix', () => {
    const engine = new ClassifierEngine(DEFAULT_RULESET);
    const events = PERSONAS.flatMap((persona) => [1, 2, 3].flatMap((seed) => day(persona, seed)));
    const categories = events.map((e) => engine.classify({ app: e.app, title: e.title, url: e.url })?.categoryId ?? 'unknown');
    const share = (test: (c: string) => boolean) => categories.filter(test).length / categories.length;
    expect(share((c) => c === 'unknown')).toBeGreaterThan(0.02);
    expect(share((c) => c === 'unknown')).toBeLessThan(0.2);
    for (const prefix of ['work:programming', 'work:design', 'communication:meetings', 'communication:chat', 'communication:email', 'entertainment']) {
      expect([prefix, share((c) => c.startsWith(prefix)) > 0.01]).toEqual([prefix, true]);
    }
    const unknownApps = new Set(events.filter((_, i) => categories[i] === 'unknown').map((e) => e.app));
    expect([...unknownApps].sort()).toEqual(['Acme Ledger', 'Northwind CRM', 'QuillDesk', 'Tessera Board']);
  });
});

describe('simulatedDayText', () => {
  it('says when the simulated day ran, both dates when it crossed midnight', () => {
    expect(simulatedDayText(Date.parse('2026-11-24T18:16:30Z'), Date.parse('2026-11-25T02:46:30Z'))).toBe(
      'the simulated day ran 2026-11-24 18:16 – 2026-11-25 02:46 UTC; the boards count each event on the date it happened: pick that date in the dashboard',
    );
    expect(simulatedDayText(Date.parse('2026-11-25T01:00:00Z'), Date.parse('2026-11-25T09:30:00Z'))).toMatch(/^the simulated day ran 2026-11-25 01:00–09:30 UTC;/);
  });
});
