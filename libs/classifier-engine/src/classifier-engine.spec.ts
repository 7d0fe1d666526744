import { ClassifierEngine, splitRefusedRules } from './classifier-engine';
import { RulesetError } from './ruleset-error';
import { CategoryDef, ClassifyInput, RuleDef } from './ruleset.types';

const CATEGORIES: CategoryDef[] = [
  { id: 'work', name: 'Work', color: '#00f', productive: true },
  { id: 'work:programming', name: 'Programming', parentId: 'work', color: '#00a', productive: true },
  { id: 'work:programming:review', name: 'Code Review', parentId: 'work:programming', color: '#008', productive: true },
  { id: 'work:research', name: 'Research', parentId: 'work', color: '#0aa', productive: true },
  { id: 'fun', name: 'Fun', color: '#f00', productive: false },
  { id: 'fun:video', name: 'Video', parentId: 'fun', color: '#a00', productive: false },
  { id: 'fun:music', name: 'Music', parentId: 'fun', color: '#a0a', productive: false },
  { id: 'personal', name: 'Personal', color: '#888', productive: false },
  { id: 'comms', name: 'Comms', color: '#0f0', productive: true },
];

function engine(rules: RuleDef[], version = 7): ClassifierEngine {
  return new ClassifierEngine({ version, categories: CATEGORIES, rules });
}

const app = (id: string, pattern: string, categoryId: string, extra: Partial<RuleDef> = {}): RuleDef => ({
  id, kind: 'app', pattern, categoryId, ...extra,
});
const domain = (id: string, pattern: string, categoryId: string, extra: Partial<RuleDef> = {}): RuleDef => ({
  id, kind: 'domain', pattern, categoryId, ...extra,
});
const keyword = (id: string, pattern: string, categoryId: string, extra: Partial<RuleDef> = {}): RuleDef => ({
  id, kind: 'title-keyword', pattern, categoryId, ...extra,
});
const regex = (id: string, pattern: string, categoryId: string, extra: Partial<RuleDef> = {}): RuleDef => ({
  id, kind: 'title-regex', pattern, categoryId, ...extra,
});

const ruleIdOf = (e: ClassifierEngine, input: ClassifyInput): string | null => e.classify(input)?.ruleId ?? null;

describe('ClassifierEngine', () => {
  describe('app rules', () => {
    const e = engine([app('vscode', 'Code', 'work:programming')]);

    it.each(['Code.exe', ' code ', 'CODE.app', 'code', 'Code   .exe'])('matches %j after normalization', (name) => {
      expect(ruleIdOf(e, { app: name })).toBe('vscode');
    });

    it('does not match other apps or substrings', () => {
      expect(e.classify({ app: 'Codex' })).toBeNull();
      expect(e.classify({ app: 'vs code helper' })).toBeNull();
    });

    it('normalizes the rule pattern too', () => {
      const e2 = engine([app('r', '  Visual  Studio  Code.EXE ', 'work:programming')]);
      expect(ruleIdOf(e2, { app: 'visual studio code' })).toBe('r');
    });

    it('keeps answering correctly when the app cache is flushed', () => {
      for (let i = 0; i < 10_000; i++) e.classify({ app: `app-${i}` });
      expect(ruleIdOf(e, { app: 'Code.exe' })).toBe('vscode');
    });
  });

  describe('domain rules', () => {
    const e = engine([
      domain('x', 'x.com', 'fun'),
      domain('wise', 'wise.com', 'personal'),
      domain('google-search', 'google.com/search', 'work:research'),
      domain('sub', 'a.x.com', 'work'),
      domain('github', 'github.com', 'work:programming'),
      domain('github-pulls', 'github.com/org/repo/pull', 'work:programming:review'),
    ]);
    const at = (url: string): string | null => ruleIdOf(e, { app: 'firefox', url });

    it('matches the host itself and its subdomains', () => {
      expect(at('https://x.com/home')).toBe('x');
      expect(at('https://b.x.com/')).toBe('x');
    });

    it('matches on label boundaries only (mix.com is not x.com, otherwise.com is not wise.com)', () => {
      expect(at('https://mix.com/')).toBeNull();
      expect(at('https://otherwise.com/')).toBeNull();
      expect(at('https://wise.com.evil.io/')).toBeNull();
      expect(at('https://wise.com/transfer')).toBe('wise');
    });

    it('ignores case, www., scheme, port, query and fragment', () => {
      expect(at('HTTPS://WWW.X.COM/Home')).toBe('x');
      expect(at('http://x.com:8443/a')).toBe('x');
      expect(at('x.com/a?utm=1#frag')).toBe('x');
      expect(at('https://www.google.com/search?q=1')).toBe('google-search');
      expect(at('https://google.com/search#results')).toBe('google-search');
    });

    it('matches path prefixes on segment boundaries', () => {
      expect(at('https://google.com/search')).toBe('google-search');
      expect(at('https://google.com/search/about')).toBe('google-search');
      expect(at('https://google.com/SEARCH/')).toBe('google-search');
      expect(at('https://google.com/searchx')).toBeNull();
      expect(at('https://google.com/maps')).toBeNull();
      expect(at('https://google.com/')).toBeNull();
    });

    it('prefers the longest host suffix', () => {
      expect(at('https://a.x.com/')).toBe('sub');
      expect(at('https://deep.a.x.com/')).toBe('sub');
      expect(at('https://b.x.com/')).toBe('x');
    });

    it('prefers the longest path prefix within a host', () => {
      expect(at('https://github.com/org/repo/pull/12')).toBe('github-pulls');
      expect(at('https://github.com/org/repo/pulls')).toBe('github');
      expect(at('https://github.com/org/repo')).toBe('github');
    });

    it('matches IDN hosts in unicode or punycode either way', () => {
      const idn = engine([domain('munich', 'münchen.de', 'personal'), domain('books', 'xn--bcher-kva.example', 'personal')]);
      expect(ruleIdOf(idn, { app: 'b', url: 'https://xn--mnchen-3ya.de/' })).toBe('munich');
      expect(ruleIdOf(idn, { app: 'b', url: 'https://MÜNCHEN.de/x' })).toBe('munich');
      expect(ruleIdOf(idn, { app: 'b', url: 'https://shop.bücher.example/' })).toBe('books');
    });

    it('matches a path prefix written as read against the percent-encoded path browsers report, and back', () => {
      const paths = engine([domain('munich', 'de.wikipedia.org/wiki/München', 'personal'), domain('space', 'wiki.example/display/Team%20Space', 'work')]);
      expect(ruleIdOf(paths, { app: 'b', url: 'https://de.wikipedia.org/wiki/M%C3%BCnchen' })).toBe('munich');
      expect(ruleIdOf(paths, { app: 'b', url: 'https://de.wikipedia.org/wiki/München/Karte' })).toBe('munich');
      expect(ruleIdOf(paths, { app: 'b', url: 'https://de.wikipedia.org/wiki/Münchenx' })).toBeNull();
      expect(ruleIdOf(paths, { app: 'b', url: 'https://wiki.example/display/Team Space/Home' })).toBe('space');
      expect(ruleIdOf(paths, { app: 'b', url: 'https://wiki.example/display/team%20space' })).toBe('space');
    });

    it('reads a trailing /* as the path prefix it stands for', () => {
      const globs = engine([domain('docs', 'example.com/docs/*', 'work'), domain('all', '*.example.org/*', 'personal')]);
      expect(ruleIdOf(globs, { app: 'b', url: 'https://example.com/docs/a/b' })).toBe('docs');
      expect(ruleIdOf(globs, { app: 'b', url: 'https://example.com/docs' })).toBe('docs');
      expect(ruleIdOf(globs, { app: 'b', url: 'https://example.com/blog' })).toBeNull();
      expect(ruleIdOf(globs, { app: 'b', url: 'https://a.example.org/x' })).toBe('all');
    });

    it('matches an IP address rule on that address only, and an IP address host only by a rule for it', () => {
      const ips = engine([domain('lan', '192.168.1.1', 'work'), domain('labels', '1.1', 'personal'), domain('admin', '10.0.0.7/admin', 'work:programming')]);
      const atIp = (url: string) => ruleIdOf(ips, { app: 'b', url });
      expect(atIp('http://192.168.1.1:8080/router')).toBe('lan');
      expect(atIp('http://10.0.0.7/admin/users')).toBe('admin');
      // Addresses have no subdomains: 10.192.168.1.1 is not "under" 192.168.1.1, nor 10.0.1.1 under 1.1.
      expect(atIp('http://10.192.168.1.1/')).toBeNull();
      expect(atIp('http://10.0.1.1/')).toBeNull();
      expect(atIp('http://a.10.0.0.7/admin')).toBeNull();
    });

    it('accepts scheme-less inputs and wildcard patterns', () => {
      const e2 = engine([domain('local', 'localhost', 'work:programming'), domain('wild', '*.example.org', 'work')]);
      expect(ruleIdOf(e2, { app: 'b', url: 'localhost:3000/x' })).toBe('local');
      expect(ruleIdOf(e2, { app: 'b', url: 'example.org/path' })).toBe('wild');
      expect(ruleIdOf(e2, { app: 'b', url: 'https://docs.example.org/' })).toBe('wild');
    });
  });

  describe('browser events', () => {
    const e = engine([
      app('chrome', 'Google Chrome', 'personal'),
      domain('youtube', 'youtube.com', 'fun:video'),
      keyword('yt-title', 'YouTube', 'fun:video'),
      keyword('gh-title', 'GitHub', 'work:programming'),
    ]);

    it('a matching domain rule beats the app rule', () => {
      expect(ruleIdOf(e, { app: 'Google Chrome', title: 'GitHub', url: 'https://youtube.com/watch?v=1' })).toBe('youtube');
    });

    it('falls back to the app rule when the URL matches no domain rule', () => {
      expect(ruleIdOf(e, { app: 'Google Chrome', title: 'GitHub', url: 'https://unknown.example/' })).toBe('chrome');
    });

    it('falls back to app/title rules without a URL or with a host-less URL', () => {
      expect(ruleIdOf(e, { app: 'Google Chrome', title: 'Cats - YouTube' })).toBe('chrome');
      expect(ruleIdOf(e, { app: 'Google Chrome', title: 'x', url: 'about:blank' })).toBe('chrome');
      expect(ruleIdOf(e, { app: 'Firefox', title: 'Cats - YouTube — Mozilla Firefox' })).toBe('yt-title');
      expect(ruleIdOf(e, { app: 'Firefox', title: 'Cats - YouTube', url: '' })).toBe('yt-title');
    });
  });

  describe('title keyword rules', () => {
    const e = engine([
      keyword('git', 'git', 'work:programming'),
      keyword('cpp', 'C++', 'work:programming'),
      keyword('pr', 'Pull Request', 'work:programming:review'),
      keyword('yt', 'youtube', 'fun:video'),
      keyword('ytm', 'youtube music', 'fun:music'),
      keyword('cafe', 'café', 'personal'),
    ]);
    const title = (t: string): string | null => ruleIdOf(e, { app: 'unknown', title: t });

    it('matches whole words only', () => {
      expect(title('git status')).toBe('git');
      expect(title('[git] log')).toBe('git');
      expect(title('digital garden')).toBeNull();
      expect(title('gitlab')).toBeNull();
      expect(title('git_hooks')).toBeNull();
    });

    it('needs no boundary next to a non-word edge of the keyword', () => {
      expect(title('learn c++ today')).toBe('cpp');
      expect(title('c++17 features')).toBe('cpp');
      expect(title('abc++')).toBeNull();
    });

    it('is case- and whitespace-insensitive', () => {
      expect(title('Review PULL   REQUEST #12')).toBe('pr');
      expect(title('pull\nrequest')).toBe('pr');
    });

    it('treats Unicode letters as word characters', () => {
      expect(title('Café Central')).toBe('cafe');
      expect(title('cafés')).toBeNull();
    });

    it('finds a keyword with a dotted capital I (İ) in its own spelling and in capitals', () => {
      const tr = engine([keyword('city', 'İstanbul', 'personal'), keyword('work', 'İş takibi', 'work')]);
      const t = (text: string): string | null => ruleIdOf(tr, { app: 'unknown', title: text });
      expect(t('Trip to İstanbul')).toBe('city');
      expect(t('ISTANBUL hotels')).toBe('city');
      expect(t('istanbul')).toBe('city');
      expect(t('İŞ TAKİBİ - Jira')).toBe('work');
      expect(t('İstanbullu')).toBeNull();
    });

    it('matches text written decomposed (e + U+0301, as macOS file names) as its composed form, and the other way round', () => {
      const nfc = 'Caf\u00e9 menu';
      const nfd = 'Cafe\u0301 menu';
      const composedRule = engine([keyword('cafe', 'caf\u00e9', 'personal')]);
      const decomposedRule = engine([keyword('cafe', 'cafe\u0301', 'personal')]);
      expect(ruleIdOf(composedRule, { app: 'unknown', title: nfd })).toBe('cafe');
      expect(ruleIdOf(decomposedRule, { app: 'unknown', title: nfc })).toBe('cafe');
      const apps = engine([{ id: 'resume', kind: 'app', pattern: 'R\u00e9sum\u00e9 Builder', categoryId: 'work' }]);
      expect(ruleIdOf(apps, { app: 'Re\u0301sume\u0301 Builder' })).toBe('resume');
      const regexes = engine([{ id: 'r', kind: 'title-regex', pattern: '^caf\u00e9 m', categoryId: 'personal' }]);
      expect(ruleIdOf(regexes, { app: 'unknown', title: nfd })).toBe('r');
    });

    it('needs no boundary in scripts written without spaces between words', () => {
      const cjk = engine([keyword('jp', '日本語', 'personal'), keyword('zh', '会议', 'comms'), keyword('th', 'ประชุม', 'comms'), keyword('git', 'git', 'work:programming')]);
      const t = (text: string): string | null => ruleIdOf(cjk, { app: 'unknown', title: text });
      expect(t('日本語のページ')).toBe('jp');
      expect(t('周例会议程')).toBe('zh');
      expect(t('การประชุมทีม')).toBe('th');
      expect(t('用git管理代码')).toBe('git');
      expect(t('gitの使い方')).toBe('git');
      expect(t('digital 日本')).toBeNull();
    });

    it('prefers the longer keyword', () => {
      expect(title('Song - YouTube Music')).toBe('ytm');
      expect(title('Video - YouTube')).toBe('yt');
    });

    it('finds keywords anywhere, including after a partial match', () => {
      expect(title('yout youtube')).toBe('yt');
      expect(title('pull pull request')).toBe('pr');
    });
  });

  describe('title regex rules', () => {
    it('matches case-insensitively against the normalized title', () => {
      const e = engine([regex('ticket', '\\bPROJ-\\d+\\b', 'work')]);
      expect(ruleIdOf(e, { app: 'x', title: 'proj-123 fix login' })).toBe('ticket');
      expect(ruleIdOf(e, { app: 'x', title: 'PROJ-12a' })).toBeNull();
      expect(ruleIdOf(e, { app: 'x', title: 'project' })).toBeNull();
    });

    it('runs regexes without an extractable literal too', () => {
      const e = engine([regex('digits', '^\\d{4}-\\d{2}$', 'personal')]);
      expect(ruleIdOf(e, { app: 'x', title: '2024-05' })).toBe('digits');
      expect(ruleIdOf(e, { app: 'x', title: '2024-5' })).toBeNull();
    });

    it('matches alternations through the literal prefilter', () => {
      const e = engine([regex('aw', 'GitHub|vim', 'work:programming')]);
      expect(ruleIdOf(e, { app: 'x', title: 'editing in VIM' })).toBe('aw');
      expect(ruleIdOf(e, { app: 'x', title: 'my github' })).toBe('aw');
      expect(ruleIdOf(e, { app: 'x', title: 'emacs' })).toBeNull();
    });

    it('with matchApp also tests the normalized app name', () => {
      const e = engine([regex('aw', '^code$|vim', 'work:programming', { matchApp: true }), regex('plain', '^slack$', 'comms')]);
      expect(ruleIdOf(e, { app: 'Code.exe', title: 'main.ts' })).toBe('aw');
      expect(ruleIdOf(e, { app: 'nvim', title: '' })).toBe('aw');
      expect(ruleIdOf(e, { app: 'Slack', title: 'general' })).toBeNull();
    });
  });

  describe('appFilter', () => {
    const e = engine([
      app('teams', 'ms-teams', 'comms'),
      keyword('meeting', 'meeting', 'work', { appFilter: 'MS-Teams.exe', priority: 1 }),
      regex('standup', 'stand-?up', 'work:research', { appFilter: 'slack' }),
    ]);

    it('restricts a title rule to the (normalized) app', () => {
      expect(ruleIdOf(e, { app: 'ms-teams', title: 'Meeting with Bob' })).toBe('meeting');
      expect(ruleIdOf(e, { app: 'ms-teams', title: 'Chat with Bob' })).toBe('teams');
      expect(ruleIdOf(e, { app: 'zoom', title: 'Meeting with Bob' })).toBeNull();
      expect(ruleIdOf(e, { app: 'Slack', title: 'daily standup' })).toBe('standup');
      expect(ruleIdOf(e, { app: 'discord', title: 'daily standup' })).toBeNull();
    });

    it('prefers an app-restricted title rule over an unrestricted one of the same kind', () => {
      const e2 = engine([keyword('a-any', 'sync', 'work'), keyword('b-slack', 'sync', 'comms', { appFilter: 'slack' })]);
      expect(ruleIdOf(e2, { app: 'slack', title: 'weekly sync' })).toBe('b-slack');
      expect(ruleIdOf(e2, { app: 'zoom', title: 'weekly sync' })).toBe('a-any');
    });
  });

  describe('precedence', () => {
    it('orders kinds app > title-keyword > title-regex when no URL matches', () => {
      const rules = [app('a', 'vim', 'work'), keyword('k', 'notes', 'personal'), regex('r', 'notes', 'fun')];
      expect(ruleIdOf(engine(rules), { app: 'vim', title: 'notes' })).toBe('a');
      expect(ruleIdOf(engine(rules), { app: 'other', title: 'notes' })).toBe('k');
      expect(ruleIdOf(engine(rules.slice(2)), { app: 'other', title: 'notes' })).toBe('r');
    });

    it('explicit priority beats specificity', () => {
      const e = engine([
        app('app', 'chrome', 'personal'),
        domain('dom', 'example.com', 'work', { priority: -1 }),
        regex('rx', 'urgent', 'comms', { priority: 5 }),
      ]);
      expect(ruleIdOf(e, { app: 'chrome', url: 'https://example.com', title: 'hello' })).toBe('app');
      expect(ruleIdOf(e, { app: 'chrome', url: 'https://example.com', title: 'URGENT' })).toBe('rx');
    });

    it('higher priority wins among title rules even when shorter or a regex', () => {
      const e = engine([keyword('long', 'youtube music', 'fun:music'), keyword('short', 'youtube', 'fun:video', { priority: 2 })]);
      expect(ruleIdOf(e, { app: 'x', title: 'YouTube Music' })).toBe('short');
    });

    it('override beats priority, which beats specificity', () => {
      const rules = [
        domain('dom', 'youtube.com', 'fun:video'),
        app('app', 'firefox', 'personal', { priority: 100 }),
        keyword('manual', 'lecture', 'work:research', { override: true }),
      ];
      const e = engine(rules);
      expect(ruleIdOf(e, { app: 'firefox', url: 'https://youtube.com/w', title: 'MIT lecture 1' })).toBe('manual');
      expect(ruleIdOf(e, { app: 'firefox', url: 'https://youtube.com/w', title: 'cat video' })).toBe('app');
      expect(ruleIdOf(e, { app: 'chrome', url: 'https://youtube.com/w', title: 'cat video' })).toBe('dom');
    });

    it('among overrides, priority and then specificity still apply', () => {
      const e = engine([
        regex('o-regex', 'cat', 'fun', { override: true, priority: 1 }),
        app('o-app', 'firefox', 'personal', { override: true }),
      ]);
      expect(ruleIdOf(e, { app: 'firefox', title: 'cat' })).toBe('o-regex');
      expect(ruleIdOf(e, { app: 'firefox', title: 'dog' })).toBe('o-app');
    });

    it('breaks exact ties by rule id, independent of rule order', () => {
      // Same kind, priority and keyword length: only the id can decide.
      const rules = [keyword('b-rule', 'deploy', 'work'), keyword('a-rule', 'launch', 'fun'), keyword('c-rule', 'shipit', 'comms')];
      for (const ordering of [rules, [...rules].reverse(), [rules[1], rules[2], rules[0]]]) {
        const e = engine(ordering);
        expect(ruleIdOf(e, { app: 'x', title: 'deploy launch shipit' })).toBe('a-rule');
        expect(ruleIdOf(e, { app: 'x', title: 'shipit deploy' })).toBe('b-rule');
      }
    });

    it('resolves same-pattern rules deterministically by id', () => {
      const rules = [app('z', 'vim', 'fun'), app('m', 'vim', 'work')];
      expect(ruleIdOf(engine(rules), { app: 'vim' })).toBe('m');
      expect(ruleIdOf(engine([...rules].reverse()), { app: 'vim' })).toBe('m');
    });
  });

  describe('results', () => {
    const e = engine(
      [
        app('a', 'vim', 'work:programming'),
        domain('d', 'example.com', 'fun:video'),
        keyword('k', 'notes', 'personal'),
        regex('r', 'todo', 'work'),
        regex('o', 'urgent', 'comms', { override: true }),
      ],
      42,
    );

    it('carries category, path, rule, kind, confidence and ruleset version', () => {
      expect(e.classify({ app: 'vim' })).toEqual({
        categoryId: 'work:programming',
        path: ['Work', 'Programming'],
        source: 'rule',
        ruleId: 'a',
        ruleKind: 'app',
        confidence: 1,
        rulesetVersion: 42,
      });
    });

    it('grades confidence by rule kind, 1 for overrides', () => {
      expect(e.classify({ app: 'b', url: 'example.com' })?.confidence).toBe(1);
      expect(e.classify({ app: 'b', title: 'notes' })?.confidence).toBe(0.9);
      expect(e.classify({ app: 'b', title: 'todo' })?.confidence).toBe(0.8);
      expect(e.classify({ app: 'b', title: 'urgent' })).toMatchObject({ ruleKind: 'title-regex', confidence: 1 });
    });

    it('returns null when no rule knows the input', () => {
      expect(e.classify({ app: 'unknown', title: 'nothing', url: 'https://unknown.example' })).toBeNull();
      expect(e.classify({ app: '' })).toBeNull();
    });

    it('returns immutable results', () => {
      const result = e.classify({ app: 'vim' })!;
      expect(Object.isFrozen(result)).toBe(true);
      expect(Object.isFrozen(result.path)).toBe(true);
    });

    it('classifyMany keeps order and nulls', () => {
      expect(e.classifyMany([{ app: 'vim' }, { app: 'nope' }, { app: 'x', title: 'notes' }]).map((r) => r?.ruleId ?? null)).toEqual([
        'a',
        null,
        'k',
      ]);
    });

    it('tolerates missing fields from untyped callers', () => {
      expect(e.classify({} as ClassifyInput)).toBeNull();
      expect(e.classify({ app: 'vim', title: undefined, url: undefined })?.ruleId).toBe('a');
    });
  });

  describe('taxonomy', () => {
    const e = engine([]);

    it('resolves ancestors root first, self last', () => {
      expect(e.ancestors('work:programming')).toEqual(['work', 'work:programming']);
      expect(e.ancestors('work:programming:review')).toEqual(['work', 'work:programming', 'work:programming:review']);
      expect(e.ancestors('work')).toEqual(['work']);
      expect(e.ancestors('nope')).toEqual([]);
    });

    it('builds result paths from parentId', () => {
      const e2 = engine([app('r', 'gh', 'work:programming:review')]);
      expect(e2.classify({ app: 'gh' })?.path).toEqual(['Work', 'Programming', 'Code Review']);
    });

    it('reads the productive flag of the category itself', () => {
      expect(e.isProductive('work:programming')).toBe(true);
      expect(e.isProductive('fun:video')).toBe(false);
      expect(e.isProductive('nope')).toBe(false);
    });

    it('looks categories up by id', () => {
      expect(e.category('fun:music')).toMatchObject({ name: 'Music', parentId: 'fun' });
      expect(e.category('nope')).toBeUndefined();
    });
  });

  describe('validation', () => {
    const expectRuleError = (rule: RuleDef, reason: RegExp): void => {
      let error: unknown;
      try {
        engine([app('fine', 'vim', 'work'), rule]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RulesetError);
      expect((error as RulesetError).ruleId).toBe(rule.id);
      expect((error as Error).message).toContain(`"${rule.id}"`);
      expect((error as Error).message).toMatch(reason);
    };

    it('names the rule and the reason for an invalid regex', () => {
      expectRuleError(regex('broken-regex', '(unclosed', 'work'), /Unterminated group/);
      expectRuleError(regex('bad-class', '[z-a]', 'work'), /Invalid regular expression/);
    });

    it('refuses a regex written as a JavaScript literal with flags, naming its source, and takes slashes without flags as text', () => {
      expectRuleError(regex('literal', '/jira-\\d+/i', 'work'), /written as a JavaScript literal: give its source alone, "jira-\\d\+" \(titles are always matched in any case; to match the text itself, escape the slashes: \\\/jira-\\d\+\\\/i\)/);
      expectRuleError(regex('global', '/vim/g', 'work'), /source alone, "vim"/);
      const paths = engine([regex('path', '/src/', 'work:programming'), regex('escaped', '\\/docs\\/i', 'work')]);
      expect(ruleIdOf(paths, { app: 'editor', title: 'app/src/main.ts' })).toBe('path');
      expect(ruleIdOf(paths, { app: 'editor', title: 'the /docs/i page' })).toBe('escaped');
    });

    it('rejects regexes that match every title', () => {
      expectRuleError(regex('match-all', '.*', 'work'), /empty string/);
    });

    it('rejects unknown categories, kinds and empty patterns', () => {
      expectRuleError(app('orphan', 'x', 'nope'), /unknown category "nope"/);
      expectRuleError({ id: 'weird', kind: 'window' as never, pattern: 'x', categoryId: 'work' }, /unknown kind/);
      expectRuleError(app('empty', '  ', 'work'), /pattern/);
      expectRuleError(app('only-suffix', '.exe', 'work'), /names no app/);
    });

    it('rejects invalid domain patterns', () => {
      expectRuleError(domain('bad-host', 'exa mple.com', 'work'), /invalid domain pattern/);
      expectRuleError(domain('glob-host', 'example.*', 'work'), /may use \* only as a leading "\*\." or a trailing "\/\*"/);
      expectRuleError(domain('glob-path', 'example.com/*/edit', 'work'), /may use \* only/);
      expectRuleError(domain('query', 'example.com/search?q=1', 'work'), /query/);
    });

    it('rejects duplicate ids and misplaced options', () => {
      expectRuleError(app('fine', 'emacs', 'work'), /duplicate rule id/);
      expectRuleError(app('filtered-app', 'x', 'work', { appFilter: 'y' }), /appFilter/);
      expectRuleError(keyword('match-app', 'x', 'work', { matchApp: true }), /matchApp/);
      expectRuleError(app('nan', 'x', 'work', { priority: Number.NaN }), /priority/);
    });

    it('rejects invalid taxonomies with the category id', () => {
      const build = (categories: CategoryDef[]): (() => ClassifierEngine) => () =>
        new ClassifierEngine({ version: 1, categories, rules: [] });
      expect(build([{ id: 'a.b', name: 'A', color: '#000', productive: true }])).toThrow(/"a\.b"/);
      expect(build([{ id: 'a', name: 'A', color: '#000', productive: true, parentId: 'z' }])).toThrow(/unknown parent "z"/);
      expect(
        build([
          { id: 'a', name: 'A', color: '#000', productive: true, parentId: 'b' },
          { id: 'b', name: 'B', color: '#000', productive: true, parentId: 'a' },
        ]),
      ).toThrow(/cycle/);
      expect(
        build([
          { id: 'a', name: 'A', color: '#000', productive: true },
          { id: 'a', name: 'A2', color: '#000', productive: true },
        ]),
      ).toThrow(/duplicate/);
    });
  });
});

describe('splitRefusedRules', () => {
  it('refuses exactly what the engine would, one rule at a time, keeping the first of duplicate ids', () => {
    const rules: RuleDef[] = [
      { id: 'a', kind: 'app', pattern: 'code', categoryId: 'work' },
      { id: 'backref', kind: 'title-regex', pattern: '(x)\\1', categoryId: 'work' },
      { id: 'nowhere', kind: 'app', pattern: 'slack', categoryId: 'missing' },
      { id: 'a', kind: 'app', pattern: 'vim', categoryId: 'work' },
    ];
    const { accepted, refused } = splitRefusedRules({ version: 1, categories: CATEGORIES, rules });
    expect(accepted).toEqual([rules[0]]);
    expect(refused).toEqual([
      { ruleId: 'backref', reason: expect.stringMatching(/linear time/) },
      { ruleId: 'nowhere', reason: expect.stringMatching(/unknown category "missing"/) },
      { ruleId: 'a', reason: expect.stringMatching(/duplicate rule id/) },
    ]);
    for (const rule of rules.slice(1, 3)) expect(() => new ClassifierEngine({ version: 1, categories: CATEGORIES, rules: [rule] })).toThrow(RulesetError);
    expect(() => new ClassifierEngine({ version: 1, categories: CATEGORIES, rules: accepted })).not.toThrow();
  });

  it('throws when the categories are invalid', () => {
    expect(() => splitRefusedRules({ version: 1, categories: [...CATEGORIES, { ...CATEGORIES[0], id: 'orphan', parentId: 'missing' }], rules: [] })).toThrow(RulesetError);
  });
});
