import { ClassifierEngine } from '../classifier-engine';
import { findRuleConflicts } from '../rule-conflicts';
import { DEFAULT_RULES } from './default-rules';
import { DEFAULT_RULESET } from './default-ruleset';
import { DEFAULT_TAXONOMY } from './default-taxonomy';

/** Required ids; the flag is checked where the brief fixes it (null: not fixed). */
const REQUIRED_CATEGORIES: [string, boolean | null][] = [
  ['work', true], ['work:programming', null], ['work:design', null], ['work:writing', null], ['work:office', null],
  ['work:research', null], ['work:ai-assistants', null], ['communication', true], ['communication:meetings', null],
  ['communication:chat', null], ['communication:email', null], ['learning', true], ['learning:courses', null],
  ['learning:reading', null], ['entertainment', false], ['entertainment:video', null], ['entertainment:music', null],
  ['entertainment:games', null], ['entertainment:social-media', null], ['entertainment:news', null],
  ['shopping', false], ['personal', false], ['personal:finance', null], ['system', false], ['uncategorized', false],
];

describe('DEFAULT_RULESET', () => {
  const engine = new ClassifierEngine(DEFAULT_RULESET);
  const categoryOf = (app: string, title?: string, url?: string): string | null =>
    engine.classify({ app, title, url })?.categoryId ?? null;

  it('is version 1 and compiles', () => {
    expect(DEFAULT_RULESET.version).toBe(1);
    expect(engine.ruleCount).toBe(DEFAULT_RULES.length);
  });

  it.each(REQUIRED_CATEGORIES)('has category %s with the right productive flag', (id, productive) => {
    const category = DEFAULT_TAXONOMY.find((c) => c.id === id);
    expect(category).toBeDefined();
    if (productive !== null) expect(category?.productive).toBe(productive);
    expect(category?.color).toMatch(/^#[0-9A-F]{6}$/i);
  });

  it('has several hundred rules of every kind and no conflicts', () => {
    expect(DEFAULT_RULES.length).toBeGreaterThan(500);
    for (const kind of ['app', 'domain', 'title-keyword', 'title-regex']) {
      expect(DEFAULT_RULES.some((r) => r.kind === kind)).toBe(true);
    }
    expect(findRuleConflicts(DEFAULT_RULES)).toEqual([]);
  });

  it.each<[string, string | undefined, string | undefined, string]>([
    ['Code.exe', 'app.ts - api - Visual Studio Code', undefined, 'work:programming'],
    ['idea64.exe', 'project – Main.java', undefined, 'work:programming'],
    ['iTerm2', 'zsh', undefined, 'work:programming'],
    ['WindowsTerminal.exe', 'PowerShell', undefined, 'work:programming'],
    ['Xcode', 'App.swift', undefined, 'work:programming'],
    // Linux window classes, as aw-watcher-window reports them
    ['jetbrains-idea', 'Settings', undefined, 'work:programming'],
    ['jetbrains-pycharm-ce', 'Welcome', undefined, 'work:programming'],
    ['code-oss', 'Welcome', undefined, 'work:programming'],
    ['libreoffice-writer', 'report.odt', undefined, 'work:writing'],
    ['libreoffice-calc', 'budget.ods', undefined, 'work:office'],
    ['TelegramDesktop', 'Saved Messages', undefined, 'communication:chat'],
    ['firefox', 'org/repo', 'https://github.com/org/repo/pull/1', 'work:programming'],
    ['chrome', 'How to x - Stack Overflow', 'https://stackoverflow.com/questions/1', 'work:programming'],
    ['chrome', 'Array - MDN', 'https://developer.mozilla.org/en-US/docs/Web', 'work:programming'],
    ['chrome', 'Doc', 'https://docs.google.com/document/d/abc/edit', 'work:writing'],
    ['chrome', 'Sheet', 'https://docs.google.com/spreadsheets/d/abc/edit', 'work:office'],
    ['chrome', 'Deck', 'https://docs.google.com/presentation/d/abc', 'work:office'],
    ['chrome', 'Board', 'https://acme.atlassian.net/jira/software/projects/X', 'work:project-management'],
    ['chrome', 'Space', 'https://acme.atlassian.net/wiki/spaces/ENG', 'work:writing'],
    ['chrome', 'Chat', 'https://chatgpt.com/c/123', 'work:ai-assistants'],
    ['chrome', 'Claude', 'https://claude.ai/chat/1', 'work:ai-assistants'],
    ['chrome', 'Grok', 'https://x.com/i/grok', 'work:ai-assistants'],
    ['chrome', 'Home / X', 'https://x.com/home', 'entertainment:social-media'],
    ['chrome', 'Video', 'https://www.youtube.com/watch?v=1', 'entertainment:video'],
    ['chrome', 'Song', 'https://music.youtube.com/watch?v=1', 'entertainment:music'],
    ['chrome', 'Prime', 'https://www.amazon.com/gp/video/detail/1', 'entertainment:video'],
    ['chrome', 'Item', 'https://www.amazon.com/dp/B000', 'shopping'],
    ['chrome', 'EC2', 'https://aws.amazon.com/ec2/', 'work:programming'],
    ['chrome', 'Transfer', 'https://wise.com/send', 'personal:finance'],
    ['chrome', 'Inbox', 'https://mail.google.com/mail/u/0/#inbox', 'communication:email'],
    ['chrome', 'Meet', 'https://meet.google.com/abc-defg-hij', 'communication:meetings'],
    ['chrome', 'Search', 'https://www.google.com/search?q=x', 'work:research'],
    ['chrome', 'Maps', 'https://www.google.com/maps/place/x', 'personal:travel'],
    ['chrome', 'Feed', 'https://www.linkedin.com/feed/', 'entertainment:social-media'],
    ['chrome', 'Wiki', 'https://en.wikipedia.org/wiki/TypeScript', 'learning:reading'],
    ['chrome', 'HN', 'https://news.ycombinator.com/item?id=1', 'entertainment:news'],
    ['chrome', 'Dev server', 'http://localhost:3000/', 'work:programming'],
    ['firefox', 'Funny cats - YouTube — Mozilla Firefox', undefined, 'entertainment:video'],
    ['firefox', 'Inbox (2) - me@example.com - Gmail', undefined, 'communication:email'],
    ['Slack', 'general - Acme', undefined, 'communication:chat'],
    ['Slack', 'Huddle in #eng', undefined, 'communication:meetings'],
    ['ms-teams', 'Chat | Bob | Microsoft Teams', undefined, 'communication:chat'],
    ['ms-teams', 'Meeting with Bob | Microsoft Teams', undefined, 'communication:meetings'],
    ['zoom.us', 'Zoom Meeting', undefined, 'communication:meetings'],
    ['OUTLOOK.EXE', 'Inbox - me@acme.com - Outlook', undefined, 'communication:email'],
    ['Figma', 'Design system', undefined, 'work:design'],
    ['WINWORD.EXE', 'Report.docx - Word', undefined, 'work:writing'],
    ['EXCEL.EXE', 'Budget.xlsx - Excel', undefined, 'work:office'],
    ['Spotify', 'Artist - Song', undefined, 'entertainment:music'],
    ['steam', 'Steam', undefined, 'entertainment:games'],
    ['Finder', 'Downloads', undefined, 'system:files'],
    ['explorer.exe', 'Downloads', undefined, 'system:files'],
    ['System Settings', 'Displays', undefined, 'system:settings'],
    ['1Password', 'Vault', undefined, 'system:security'],
    ['Duolingo', 'Lesson', undefined, 'learning:languages'],
    ['unknown-editor', 'server.py', undefined, 'work:programming'],
  ])('%s %j %s → %s', (app, title, url, expected) => {
    expect(categoryOf(app, title, url)).toBe(expected);
  });

  it('leaves unknown apps, unknown sites and plain browsers unclassified', () => {
    expect(categoryOf('SomeInternalTool', 'Dashboard')).toBeNull();
    expect(categoryOf('chrome', 'Acme intranet', 'https://intranet.acme.example/')).toBeNull();
    expect(categoryOf('chrome', 'Otherwise', 'https://otherwise.com/')).toBeNull();
    expect(categoryOf('Google Chrome', 'New Tab')).toBeNull();
    expect(categoryOf('git status', undefined)).toBeNull();
  });
});
