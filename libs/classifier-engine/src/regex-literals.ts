/**
 * Prefilter for title regexes: extracts a set of lower-case ASCII literals such that the regex
 * (compiled with the `i` flag, applied to a normalizeTitle()d string) can only match when at least
 * one of them occurs in the title. The engine feeds these literals into its Aho-Corasick pass, so a
 * regex runs only on titles that contain one of its literals instead of on every title.
 *
 * The extraction is conservative: anything it does not fully understand contributes no literal,
 * and null means "no usable literal, always run the regex". Non-ASCII characters never become
 * literals because case folding outside ASCII does not round-trip through toLowerCase().
 */
export function requiredLiterals(source: string): string[] | null {
  try {
    const parser = new RegexLiteralParser(source);
    const result = parser.alternation();
    if (parser.pos !== source.length) return null;
    return result;
  } catch {
    return null;
  }
}

/** Alternatives, one of which must occur; null = no requirement. */
type Requirement = string[] | null;

interface Atom {
  /** A single literal character (already lower case), or null for anything else. */
  char: string | null;
  requirement: Requirement;
  min: number;
  max: number;
}

const ASCII_WORD = /[A-Za-z0-9]/;

class RegexLiteralParser {
  pos = 0;

  constructor(private readonly src: string) {}

  alternation(): Requirement {
    const branches: Requirement[] = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    const union = new Set<string>();
    for (const branch of branches) {
      if (branch === null) return null;
      for (const literal of branch) union.add(literal);
    }
    return [...union];
  }

  private sequence(): Requirement {
    const atoms: Atom[] = [];
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '|' || ch === ')') break;
      const atom = this.atom();
      const [min, max] = this.quantifier();
      atom.min = min;
      atom.max = max;
      atoms.push(atom);
    }
    return pickBest(collectCandidates(atoms));
  }

  private atom(): Atom {
    const ch = this.src[this.pos];
    switch (ch) {
      case '^':
      case '$':
      case '.':
        this.pos++;
        return other();
      case '*':
      case '+':
      case '?':
        throw new Error('nothing to repeat');
      case '[':
        this.skipClass();
        return other();
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      case '{':
        if (/^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.pos))) throw new Error('nothing to repeat');
        this.pos++;
        return literal('{');
      default:
        this.pos++;
        return ch.charCodeAt(0) < 128 ? literal(ch.toLowerCase()) : other();
    }
  }

  private group(): Atom {
    this.pos++; // '('
    let lookaround = false;
    if (this.src[this.pos] === '?') {
      const rest = this.src.slice(this.pos + 1, this.pos + 3);
      if (rest.startsWith(':')) this.pos += 2;
      else if (rest.startsWith('=') || rest.startsWith('!')) {
        this.pos += 2;
        lookaround = true;
      } else if (rest === '<=' || rest === '<!') {
        this.pos += 3;
        lookaround = true;
      } else if (rest.startsWith('<')) {
        const close = this.src.indexOf('>', this.pos);
        if (close < 0) throw new Error('bad group name');
        this.pos = close + 1;
      } else throw new Error('unknown group');
    }
    const requirement = this.alternation();
    if (this.src[this.pos] !== ')') throw new Error('unterminated group');
    this.pos++;
    // Lookarounds may assert absence or look outside the match: never rely on their content.
    return { char: null, requirement: lookaround ? null : requirement, min: 1, max: 1 };
  }

  private escape(): Atom {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new Error('trailing backslash');
    if (!ASCII_WORD.test(next)) {
      this.pos += 2;
      return next.charCodeAt(0) < 128 ? literal(next.toLowerCase()) : other();
    }
    // Letter/digit escapes are classes, assertions, control chars or backreferences: consume the
    // whole escape so its tail is not mistaken for literal text.
    const rest = this.src.slice(this.pos + 2);
    let length = 2;
    if (next === 'x' && /^[0-9a-fA-F]{2}/.test(rest)) length = 4;
    else if (next === 'u' && /^[0-9a-fA-F]{4}/.test(rest)) length = 6;
    else if (next === 'c' && /^[A-Za-z]/.test(rest)) length = 3;
    else if (next === 'k' && rest.startsWith('<')) length = 2 + rest.indexOf('>') + 1;
    else if (/[0-9]/.test(next)) length = 2 + (/^[0-9]*/.exec(rest)?.[0].length ?? 0);
    this.pos += length;
    return other();
  }

  private skipClass(): void {
    this.pos++; // '['
    if (this.src[this.pos] === '^') this.pos++;
    while (this.pos < this.src.length && this.src[this.pos] !== ']') {
      this.pos += this.src[this.pos] === '\\' ? 2 : 1;
    }
    if (this.pos >= this.src.length) throw new Error('unterminated class');
    this.pos++;
  }

  private quantifier(): [number, number] {
    const ch = this.src[this.pos];
    let min = 1;
    let max = 1;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.pos++;
      min = ch === '+' ? 1 : 0;
      max = ch === '?' ? 1 : Infinity;
    } else if (ch === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return [min, max];
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
    } else {
      return [min, max];
    }
    if (this.src[this.pos] === '?') this.pos++; // lazy
    return [min, max];
  }
}

function literal(char: string): Atom {
  return { char, requirement: [char], min: 1, max: 1 };
}

function other(): Atom {
  return { char: null, requirement: null, min: 1, max: 1 };
}

/** Literal runs of mandatory characters plus the requirements of mandatory groups. */
function collectCandidates(atoms: Atom[]): string[][] {
  const candidates: string[][] = [];
  let run = '';
  const close = (): void => {
    if (run.length > 0) candidates.push([run]);
    run = '';
  };
  for (const atom of atoms) {
    if (atom.char !== null && atom.min >= 1) {
      run += atom.char;
      if (atom.max !== 1) {
        // "ab+c" guarantees "ab" and "bc" but not "abc".
        close();
        run = atom.char;
      }
      continue;
    }
    close();
    if (atom.min >= 1 && atom.requirement !== null && atom.char === null) candidates.push(atom.requirement);
  }
  close();
  return candidates;
}

/** The most selective candidate: longest shortest-alternative, then fewest alternatives. */
function pickBest(candidates: string[][]): Requirement {
  let best: string[] | null = null;
  let bestScore = -1;
  for (const candidate of candidates) {
    if (candidate.length === 0) continue;
    const score = Math.min(...candidate.map((s) => s.length));
    if (score > bestScore || (score === bestScore && best !== null && candidate.length < best.length)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
