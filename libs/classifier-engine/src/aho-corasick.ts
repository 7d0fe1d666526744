/**
 * Hand-written Aho-Corasick automaton: this is the core of title classification, so it is ours
 * rather than a dependency. All keyword and regex-literal patterns are found in one pass over a
 * title, whatever their number.
 *
 * Layout is flat typed arrays (no per-node objects) so 100k patterns stay small and the scan loop
 * is allocation-free: a dense 64K-entry table for the root (most characters of a title restart at
 * the root) and sorted CSR edge lists for the rest.
 */
export class AhoCorasick {
  readonly patternCount: number;
  readonly nodeCount: number;
  private readonly rootNext: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Pattern ending exactly at this node, -1 if none. */
  private readonly nodePattern: Int32Array;
  /** Nearest node on the failure chain that ends a pattern, 0 if none. */
  private readonly outputLink: Int32Array;

  constructor(patterns: readonly string[]) {
    this.patternCount = patterns.length;
    const rootNext = new Int32Array(65536);
    // Build-time trie as sibling lists; compacted into CSR arrays below.
    const firstChild: number[] = [-1];
    const nextSibling: number[] = [-1];
    const nodeChar: number[] = [0];
    const nodePattern: number[] = [-1];

    const childOf = (node: number, c: number): number => {
      if (node === 0) return rootNext[c] === 0 ? -1 : rootNext[c];
      for (let v = firstChild[node]; v !== -1; v = nextSibling[v]) if (nodeChar[v] === c) return v;
      return -1;
    };

    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) throw new Error(`Aho-Corasick pattern #${index} is empty`);
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charCodeAt(i);
        let child = childOf(node, c);
        if (child < 0) {
          child = nodeChar.length;
          nodeChar.push(c);
          nodePattern.push(-1);
          firstChild.push(-1);
          nextSibling.push(firstChild[node]);
          firstChild[node] = child;
          if (node === 0) rootNext[c] = child;
        }
        node = child;
      }
      if (nodePattern[node] !== -1) throw new Error(`Aho-Corasick pattern #${index} duplicates #${nodePattern[node]}`);
      nodePattern[node] = index;
    });

    const n = nodeChar.length;
    this.nodeCount = n;
    const fail = new Int32Array(n);
    const outputLink = new Int32Array(n);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    for (let v = firstChild[0]; v !== -1; v = nextSibling[v]) queue[tail++] = v;
    while (head < tail) {
      const u = queue[head++];
      for (let v = firstChild[u]; v !== -1; v = nextSibling[v]) {
        const c = nodeChar[v];
        let f = fail[u];
        let target = childOf(f, c);
        while (target < 0 && f !== 0) {
          f = fail[f];
          target = childOf(f, c);
        }
        fail[v] = target < 0 ? 0 : target;
        outputLink[v] = nodePattern[fail[v]] >= 0 ? fail[v] : outputLink[fail[v]];
        queue[tail++] = v;
      }
    }

    const edgeStart = new Int32Array(n + 1);
    let edges = 0;
    for (let u = 0; u < n; u++) {
      edgeStart[u] = edges;
      if (u === 0) continue; // root uses the dense table
      for (let v = firstChild[u]; v !== -1; v = nextSibling[v]) edges++;
    }
    edgeStart[n] = edges;
    const edgeChar = new Uint16Array(edges);
    const edgeTarget = new Int32Array(edges);
    const children: number[] = [];
    for (let u = 1; u < n; u++) {
      children.length = 0;
      for (let v = firstChild[u]; v !== -1; v = nextSibling[v]) children.push(v);
      children.sort((a, b) => nodeChar[a] - nodeChar[b]);
      let k = edgeStart[u];
      for (const v of children) {
        edgeChar[k] = nodeChar[v];
        edgeTarget[k++] = v;
      }
    }

    this.rootNext = rootNext;
    this.edgeStart = edgeStart;
    this.edgeChar = edgeChar;
    this.edgeTarget = edgeTarget;
    this.fail = fail;
    this.nodePattern = Int32Array.from(nodePattern);
    this.outputLink = outputLink;
  }

  /**
   * Appends every occurrence as (patternIndex, endIndexInclusive) pairs to `out` and returns the
   * number of matches. Overlapping and nested occurrences are all reported.
   */
  scan(text: string, out: MatchBuffer): number {
    const { rootNext, fail, nodePattern, outputLink } = this;
    out.length = 0;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        if (state === 0) {
          state = rootNext[c];
          break;
        }
        const next = this.step(state, c);
        if (next >= 0) {
          state = next;
          break;
        }
        state = fail[state];
      }
      if (state !== 0) {
        let o = nodePattern[state] >= 0 ? state : outputLink[state];
        while (o !== 0) {
          out.push(nodePattern[o], i);
          o = outputLink[o];
        }
      }
    }
    return out.length;
  }

  private step(state: number, c: number): number {
    const { edgeChar } = this;
    let lo = this.edgeStart[state];
    let hi = this.edgeStart[state + 1];
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) if (edgeChar[lo] === c) return this.edgeTarget[lo];
      return -1;
    }
    hi--;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = edgeChar[mid];
      if (m === c) return this.edgeTarget[mid];
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** Reusable (pattern, end) pair buffer so scanning allocates nothing per title. */
export class MatchBuffer {
  length = 0;
  private data = new Int32Array(64);

  push(pattern: number, end: number): void {
    if (this.length * 2 + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length * 2] = pattern;
    this.data[this.length * 2 + 1] = end;
    this.length++;
  }

  pattern(i: number): number {
    return this.data[i * 2];
  }

  end(i: number): number {
    return this.data[i * 2 + 1];
  }
}
