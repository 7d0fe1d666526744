/**
 * Hand-written Aho-Corasick automaton: this is the core of title classification, so it is ours
 * rather than a dependency. All keyword and regex-literal patterns are found in one pass over a
 * title, whatever their number.
 *
 * Scanning folds the text the way normalizeTitle does, one UTF-16 unit at a time (lower case, any
 * whitespace run = one space), so raw titles can be scanned without building a normalized copy.
 * Patterns must already be in normalized form.
 *
 * Layout: nodes are numbered breadth-first and characters are mapped to a small alphabet of
 * classes. The shallow nodes, where a scan spends nearly all its time, get full DFA rows (one
 * table lookup per character, failure links folded in); nodes beyond a memory budget keep sorted
 * sparse edges and fall back through failure links until they reach a dense node. Everything is
 * flat typed arrays, so scanning allocates nothing and 100k patterns stay compact.
 */
export class AhoCorasick {
  readonly patternCount: number;
  readonly nodeCount: number;
  /** Character code → class; 0 = the character occurs in no pattern. */
  private readonly classOf: Uint16Array;
  private readonly spaceClass: number;
  private readonly width: number;
  /** Nodes below this id have dense rows in `delta`. */
  private readonly denseLimit: number;
  private readonly delta: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeClass: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Pattern ending exactly at this node, -1 if none. */
  private readonly nodePattern: Int32Array;
  /** This node if it ends a pattern, else the nearest such node on its failure chain; 0 if none. */
  private readonly firstOutput: Int32Array;
  /** Next pattern-ending node on the failure chain (strictly shorter suffix); 0 if none. */
  private readonly nextOutput: Int32Array;

  /** @param denseBudget maximum number of DFA cells (4 bytes each) */
  constructor(patterns: readonly string[], denseBudget = 1 << 22) {
    this.patternCount = patterns.length;
    const fold = foldTable();

    // Alphabet: one class per distinct (folded) character used by any pattern; whitespace always
    // has a class of its own so runs can be collapsed while scanning.
    const classOfFolded = new Uint16Array(65536);
    let classes = 1;
    classOfFolded[SPACE] = classes++;
    for (const pattern of patterns) {
      for (let i = 0; i < pattern.length; i++) {
        const c = fold[pattern.charCodeAt(i)];
        if (classOfFolded[c] === 0) {
          if (classes === 65535) throw new Error('Aho-Corasick alphabet exceeds 65534 characters');
          classOfFolded[c] = classes++;
        }
      }
    }
    const classOf = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) classOf[c] = classOfFolded[fold[c]];
    this.classOf = classOf;
    this.spaceClass = classOfFolded[SPACE];
    this.width = classes;

    // Build-time trie as sibling lists, renumbered breadth-first below.
    const firstChild: number[] = [-1];
    const nextSibling: number[] = [-1];
    const nodeClass: number[] = [0];
    const patternAt: number[] = [-1];
    const rootChild = new Int32Array(classes).fill(-1);
    const childOf = (node: number, k: number): number => {
      if (node === 0) return rootChild[k];
      for (let v = firstChild[node]; v !== -1; v = nextSibling[v]) if (nodeClass[v] === k) return v;
      return -1;
    };
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) throw new Error(`Aho-Corasick pattern #${index} is empty`);
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const k = classOf[pattern.charCodeAt(i)];
        let child = childOf(node, k);
        if (child < 0) {
          child = nodeClass.length;
          nodeClass.push(k);
          patternAt.push(-1);
          firstChild.push(-1);
          nextSibling.push(firstChild[node]);
          firstChild[node] = child;
          if (node === 0) rootChild[k] = child;
        }
        node = child;
      }
      if (patternAt[node] !== -1) throw new Error(`Aho-Corasick pattern #${index} duplicates #${patternAt[node]}`);
      patternAt[node] = index;
    });

    const n = nodeClass.length;
    this.nodeCount = n;
    // Breadth-first order: `order[newId] = oldId`. A failure link always points to a shallower
    // node, hence to a smaller new id.
    const order = new Int32Array(n);
    const newId = new Int32Array(n);
    const oldFail = new Int32Array(n);
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const u = order[head];
      newId[u] = head;
      for (let v = firstChild[u]; v !== -1; v = nextSibling[v]) {
        order[tail++] = v;
        if (u === 0) continue;
        let f = oldFail[u];
        let target = childOf(f, nodeClass[v]);
        while (target < 0 && f !== 0) {
          f = oldFail[f];
          target = childOf(f, nodeClass[v]);
        }
        oldFail[v] = target < 0 ? 0 : target;
      }
    }

    const fail = new Int32Array(n);
    const nodePattern = new Int32Array(n);
    const firstOutput = new Int32Array(n);
    const nextOutput = new Int32Array(n);
    for (let id = 0; id < n; id++) {
      const u = order[id];
      const f = newId[oldFail[u]];
      fail[id] = f;
      nodePattern[id] = patternAt[u];
      nextOutput[id] = firstOutput[f];
      firstOutput[id] = patternAt[u] >= 0 ? id : firstOutput[f];
    }

    const denseLimit = Math.max(1, Math.min(n, Math.floor(denseBudget / classes)));
    const delta = new Int32Array(denseLimit * classes);
    for (let id = 0; id < denseLimit; id++) {
      const row = id * classes;
      // Missing transitions behave like the failure node's (root: stay at root).
      if (id > 0) delta.copyWithin(row, fail[id] * classes, fail[id] * classes + classes);
      const u = order[id];
      for (let v = firstChild[u]; v !== -1; v = nextSibling[v]) delta[row + nodeClass[v]] = newId[v];
    }

    const edgeStart = new Int32Array(n - denseLimit + 1);
    let edges = 0;
    for (let id = denseLimit; id < n; id++) {
      edgeStart[id - denseLimit] = edges;
      for (let v = firstChild[order[id]]; v !== -1; v = nextSibling[v]) edges++;
    }
    edgeStart[n - denseLimit] = edges;
    const edgeClass = new Uint16Array(edges);
    const edgeTarget = new Int32Array(edges);
    const children: number[] = [];
    for (let id = denseLimit; id < n; id++) {
      children.length = 0;
      for (let v = firstChild[order[id]]; v !== -1; v = nextSibling[v]) children.push(v);
      children.sort((a, b) => nodeClass[a] - nodeClass[b]);
      let e = edgeStart[id - denseLimit];
      for (const v of children) {
        edgeClass[e] = nodeClass[v];
        edgeTarget[e++] = newId[v];
      }
    }

    this.denseLimit = denseLimit;
    this.delta = delta;
    this.edgeStart = edgeStart;
    this.edgeClass = edgeClass;
    this.edgeTarget = edgeTarget;
    this.fail = fail;
    this.nodePattern = nodePattern;
    this.firstOutput = firstOutput;
    this.nextOutput = nextOutput;
  }

  /**
   * Appends every occurrence as (patternIndex, end) pairs to `out`, `end` being the index in
   * `text` of the occurrence's last character, and returns the number of matches. Overlapping and
   * nested occurrences are all reported. Use foldedStart() to find where an occurrence begins.
   */
  scan(text: string, out: MatchBuffer): number {
    const { classOf, delta, width, denseLimit, spaceClass, firstOutput, nextOutput, nodePattern } = this;
    out.length = 0;
    let state = 0;
    let previousSpace = false;
    for (let i = 0; i < text.length; i++) {
      const k = classOf[text.charCodeAt(i)];
      if (k === spaceClass) {
        if (previousSpace) continue;
        previousSpace = true;
      } else previousSpace = false;
      state = state < denseLimit ? delta[state * width + k] : this.sparseStep(state, k);
      for (let o = firstOutput[state]; o !== 0; o = nextOutput[o]) out.push(nodePattern[o], i);
    }
    return out.length;
  }

  private sparseStep(state: number, k: number): number {
    if (k === 0) return 0; // a character no pattern contains restarts at the root
    const { edgeClass, edgeTarget, fail, denseLimit } = this;
    for (;;) {
      let lo = this.edgeStart[state - denseLimit];
      let hi = this.edgeStart[state - denseLimit + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const m = edgeClass[mid];
        if (m === k) return edgeTarget[mid];
        if (m < k) lo = mid + 1;
        else hi = mid - 1;
      }
      state = fail[state];
      if (state < denseLimit) return this.delta[state * this.width + k];
    }
  }
}

/** Index in `text` where an occurrence of `length` folded characters ending at `end` starts. */
export function foldedStart(text: string, end: number, length: number): number {
  let start = end;
  for (let fed = 1; fed < length; ) {
    start--;
    // Only the first character of a whitespace run is fed to the automaton.
    if (!(isSpace(text.charCodeAt(start)) && start > 0 && isSpace(text.charCodeAt(start - 1)))) fed++;
  }
  return start;
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

/**
 * A pattern as the automaton sees it: two patterns with the same folded form are the same pattern.
 * The combining dot that toLowerCase() puts after the 'i' of 'İ' is dropped: the scan folds 'İ' to
 * 'i' alone, so a normalized keyword "i̇stanbul" would never be found in the title "İstanbul".
 */
export function foldPattern(pattern: string): string {
  const fold = foldTable();
  let folded = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === COMBINING_DOT_ABOVE && i > 0 && fold[pattern.charCodeAt(i - 1)] === LATIN_SMALL_I) continue;
    folded += String.fromCharCode(fold[c]);
  }
  return folded;
}

const COMBINING_DOT_ABOVE = 0x307;
const LATIN_SMALL_I = 0x69;

const SPACE = 32;
let FOLD: Uint16Array | undefined;

/**
 * Per-unit folding: whitespace → ' ', otherwise the first unit of the lower case, which keeps the
 * ASCII 'i' of 'İ' → 'i̇' (the one expansion), and σ for final sigma (toLowerCase() picks ς or σ
 * from context, which a per-unit scan cannot see). Every ASCII run of normalizeTitle()'s output is
 * thus also seen by the scan, which the regex prefilter relies on.
 */
function foldTable(): Uint16Array {
  if (FOLD === undefined) {
    FOLD = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      const lower = ch.toLowerCase();
      FOLD[c] = /\s/.test(ch) ? SPACE : lower.charCodeAt(0);
    }
    FOLD[0x3c2] = 0x3c3;
    FOLD[0x3a3] = 0x3c3;
  }
  return FOLD;
}

function isSpace(c: number): boolean {
  return foldTable()[c] === SPACE;
}
