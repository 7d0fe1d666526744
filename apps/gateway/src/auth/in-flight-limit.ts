/** Why `InFlightLimit.acquire` refused: the holder has its share already, or every slot is taken. */
export type InFlightRefusal = 'holder' | 'overall';

/**
 * Things one process holds at once (large bodies being read, WebSocket connections), at most
 * `perHolder` for one holder (an API key's id) and `overall` in all. Counts only: no I/O.
 */
export class InFlightLimit {
  private readonly byHolder = new Map<string, number>();
  private total = 0;

  constructor(readonly perHolder: number, readonly overall = Number.POSITIVE_INFINITY) {}

  /** A slot for `holder`, released by the function returned (once, however often it is called), or why there is none. */
  acquire(holder: string): (() => void) | InFlightRefusal {
    const held = this.byHolder.get(holder) ?? 0;
    if (held >= this.perHolder) return 'holder';
    if (this.total >= this.overall) return 'overall';
    this.byHolder.set(holder, held + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byHolder.get(holder) ?? 1) - 1;
      if (left === 0) this.byHolder.delete(holder);
      else this.byHolder.set(holder, left);
    };
  }

  heldBy(holder: string): number {
    return this.byHolder.get(holder) ?? 0;
  }
}
