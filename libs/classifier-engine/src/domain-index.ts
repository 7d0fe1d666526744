interface DomainEntry {
  /** '' (whole host) or a lower-case path prefix without trailing '/'. */
  pathPrefix: string;
  rank: number;
}

/**
 * Domain rules keyed by host. A lookup walks the label suffixes of the input host
 * (a.b.x.com → a.b.x.com, b.x.com, x.com, com), so `x.com` matches `a.x.com` but never `mix.com`.
 */
export class DomainIndex {
  private readonly byHost = new Map<string, DomainEntry[]>();
  /** Label counts of the shortest and longest rule hosts: suffixes outside that range can't match. */
  private minLabels = Infinity;
  private maxLabels = 0;

  get size(): number {
    return this.byHost.size;
  }

  add(host: string, pathPrefix: string, rank: number): void {
    const entries = this.byHost.get(host);
    if (entries) entries.push({ pathPrefix, rank });
    else this.byHost.set(host, [{ pathPrefix, rank }]);
    const labels = labelCount(host);
    this.minLabels = Math.min(this.minLabels, labels);
    this.maxLabels = Math.max(this.maxLabels, labels);
  }

  /** Call once after all add()s: entries are kept best-rank first so a lookup can stop early. */
  seal(): void {
    for (const entries of this.byHost.values()) entries.sort((a, b) => a.rank - b.rank);
  }

  /** Lowest rank among rules matching host + path that beats `best`, else `best`. */
  best(host: string, path: string, best: number): number {
    let labels = labelCount(host);
    let from = 0;
    // Skip the labels that make the host longer than any rule host ("a.b.c.example.com").
    for (; labels > this.maxLabels; labels--) from = host.indexOf('.', from) + 1;
    for (; labels >= this.minLabels; labels--) {
      const entries = this.byHost.get(from === 0 ? host : host.slice(from));
      if (entries !== undefined) {
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i];
          if (entry.rank >= best) break;
          if (pathHasPrefix(path, entry.pathPrefix)) {
            best = entry.rank;
            break;
          }
        }
      }
      from = host.indexOf('.', from) + 1;
    }
    return best;
  }
}

function labelCount(host: string): number {
  let labels = 1;
  for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) labels++;
  return labels;
}

/** Prefix match on segment boundaries: '/search' matches '/search' and '/search/x', not '/searchx'. */
export function pathHasPrefix(path: string, prefix: string): boolean {
  if (prefix.length === 0) return true;
  if (!path.startsWith(prefix)) return false;
  return path.length === prefix.length || path.charCodeAt(prefix.length) === 47 /* / */;
}
