interface DomainEntry {
  /** '' (whole host) or a lower-case path prefix without trailing '/'. */
  pathPrefix: string;
  rank: number;
}

/**
 * Domain rules keyed by host. A lookup walks the label suffixes of the input host
 * (a.b.x.com → a.b.x.com, b.x.com, x.com, com), so `x.com` matches `a.x.com` but never `mix.com`.
 * An IPv4 address has no subdomains: a rule for one matches that address only, and an address
 * only a rule for it (`192.168.1.1` matched `10.192.168.1.1`, and a rule `1.1` matched `10.0.1.1`).
 * A host is an address when its last label is a number, as browsers read one (WHATWG URL's
 * "ends in a number"): `10.192.168.1.1` is an invalid address to them, not a name.
 */
export class DomainIndex {
  private readonly byHost = new Map<string, DomainEntry[]>();
  private readonly byAddress = new Map<string, DomainEntry[]>();
  /** Label counts of the shortest and longest rule hosts: suffixes outside that range can't match. */
  private minLabels = Infinity;
  private maxLabels = 0;

  get size(): number {
    return this.byHost.size + this.byAddress.size;
  }

  add(host: string, pathPrefix: string, rank: number): void {
    const index = isAddress(host) ? this.byAddress : this.byHost;
    const entries = index.get(host);
    if (entries) entries.push({ pathPrefix, rank });
    else index.set(host, [{ pathPrefix, rank }]);
    if (index === this.byAddress) return;
    const labels = labelCount(host);
    this.minLabels = Math.min(this.minLabels, labels);
    this.maxLabels = Math.max(this.maxLabels, labels);
  }

  /** Call once after all add()s: entries are kept best-rank first so a lookup can stop early. */
  seal(): void {
    for (const entries of [...this.byHost.values(), ...this.byAddress.values()]) entries.sort((a, b) => a.rank - b.rank);
  }

  /** Lowest rank among rules matching host + path that beats `best`, else `best`. */
  best(host: string, path: string, best: number): number {
    if (isAddress(host)) return bestEntry(this.byAddress.get(host), path, best);
    let labels = labelCount(host);
    let from = 0;
    // Skip the labels that make the host longer than any rule host ("a.b.c.example.com").
    for (; labels > this.maxLabels; labels--) from = host.indexOf('.', from) + 1;
    for (; labels >= this.minLabels; labels--) {
      best = bestEntry(this.byHost.get(from === 0 ? host : host.slice(from)), path, best);
      from = host.indexOf('.', from) + 1;
    }
    return best;
  }
}

/** Lowest rank among one host's entries (best first) whose path prefix matches that beats `best`, else `best`. */
function bestEntry(entries: DomainEntry[] | undefined, path: string, best: number): number {
  if (entries === undefined) return best;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.rank >= best) break;
    if (pathHasPrefix(path, entry.pathPrefix)) return entry.rank;
  }
  return best;
}

function isAddress(host: string): boolean {
  const last = host.charCodeAt(host.length - 1);
  if (last < 48 || last > 57) return false;
  for (let i = host.length - 2; i >= 0; i--) {
    const c = host.charCodeAt(i);
    if (c === 46 /* . */) return true;
    if (c < 48 || c > 57) return false;
  }
  return true;
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
