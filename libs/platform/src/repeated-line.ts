/**
 * Says a log line that repeats the last one said at most once per `everyMs`, with how many times
 * it came meanwhile. An LLM that refuses every call alike (a wrong key, a quota spent) wrote one
 * identical warning per question, 8 on a burst of questions and one per trial call every 30 s after.
 * Only the last line is remembered: a different one is said at once.
 */
export class RepeatedLineLimiter {
  private last?: { text: string; saidAt: number; heldBack: number };

  constructor(private readonly everyMs: number) {}

  /** Undefined: not to be said now; else how many identical lines were held back since it was last said. */
  admit(text: string, now = Date.now()): number | undefined {
    const last = this.last;
    if (last?.text === text && now - last.saidAt < this.everyMs) {
      last.heldBack++;
      return undefined;
    }
    this.last = { text, saidAt: now, heldBack: 0 };
    return last?.text === text ? last.heldBack : 0;
  }
}
