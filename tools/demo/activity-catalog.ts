/**
 * What simulated people do at their computers: real apps, window titles and URLs, as trackers
 * report them. Almost everything is known to the default rules; `unknown` apps are internal
 * tools no rule knows, so the inference stage gets work too.
 */

export interface Window {
  app: string;
  title: string;
  url?: string;
}

type Pick = <T>(items: readonly T[]) => T;
type WindowMaker = (pick: Pick, int: (min: number, max: number) => number) => Window;

export type ActivityName =
  | 'coding'
  | 'terminal'
  | 'codeReview'
  | 'docsLookup'
  | 'meeting'
  | 'chat'
  | 'email'
  | 'design'
  | 'writing'
  | 'spreadsheet'
  | 'planning'
  | 'research'
  | 'video'
  | 'social'
  | 'news'
  | 'music'
  | 'shopping'
  | 'unknown';

export type Persona = 'developer' | 'designer' | 'manager' | 'analyst' | 'support';

const PROJECTS = ['billing-api', 'web-app', 'ingest-worker', 'mobile', 'design-system', 'data-platform'];
const FILES = ['index.ts', 'invoice.service.ts', 'routes.tsx', 'schema.sql', 'README.md', 'docker-compose.yml', 'main.go', 'models.py', 'Dashboard.tsx', 'consumer.ts'];
const PRS = ['Fix rounding in invoice totals', 'Add retry to webhook sender', 'Migrate charts to new tokens', 'Speed up import parser', 'Bump dependencies'];
const PEOPLE = ['maria', 'tom', 'kenji', 'aisha', 'lucas', 'priya'];
const CHANNELS = ['#team-core', '#incidents', '#design-crit', '#random', '#releases', '#customer-success'];
const MEETINGS = ['Daily standup', 'Sprint planning', 'Design review', '1:1', 'Customer call', 'Quarterly business review', 'Incident retro'];
const DOCS = ['Q3 roadmap', 'RFC: event sourcing', 'Onboarding guide', 'Release notes 4.2', 'Postmortem: API latency'];
const SHEETS = ['Q3 forecast.xlsx', 'Pipeline by region.xlsx', 'Hiring plan.xlsx', 'Churn cohorts.xlsx'];
const SCREENS = ['Checkout flow', 'Onboarding v3', 'Settings page', 'Mobile nav', 'Icon set'];
const SEARCHES = ['postgres partial index', 'css container queries', 'nats jetstream consumer lag', 'churn rate formula', 'figma auto layout wrap'];
const VIDEOS = ['Lo-fi beats to code to', 'How SQLite works', 'Best goals of the week', 'Cooking pasta in 10 minutes'];
const TICKETS = ['ACME-1423', 'ACME-1511', 'ACME-1602', 'OPS-88', 'WEB-230'];
const browser = (pick: Pick) => pick(['Google Chrome', 'Firefox', 'Microsoft Edge', 'Safari', 'Arc']);

export const ACTIVITIES: Record<ActivityName, WindowMaker> = {
  coding: (pick) => {
    const project = pick(PROJECTS);
    const file = pick(FILES);
    return pick<Window>([
      { app: 'Code', title: `${file} - ${project} - Visual Studio Code` },
      { app: 'IntelliJ IDEA', title: `${project} – ${file}` },
      { app: 'Cursor', title: `${file} — ${project}` },
      { app: 'PyCharm', title: `${project} – models.py` },
    ]);
  },
  terminal: (pick) => ({ app: pick(['iTerm2', 'Terminal', 'Windows Terminal', 'gnome-terminal']), title: pick(['npm test', 'git rebase -i main', 'kubectl get pods', 'docker compose up', 'psql billing']) }),
  codeReview: (pick, int) => {
    const project = pick(PROJECTS);
    const n = int(100, 999);
    return { app: browser(pick), title: `${pick(PRS)} by ${pick(PEOPLE)} · Pull Request #${n} · acme/${project}`, url: `https://github.com/acme/${project}/pull/${n}/files` };
  },
  docsLookup: (pick) =>
    pick<Window>([
      { app: browser(pick), title: 'Array.prototype.flatMap() - JavaScript | MDN', url: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/flatMap' },
      { app: browser(pick), title: 'How to debounce in React? - Stack Overflow', url: 'https://stackoverflow.com/questions/23123138/how-to-debounce' },
      { app: browser(pick), title: 'Consumers - NATS Docs', url: 'https://docs.nats.io/nats-concepts/jetstream/consumers' },
    ]),
  meeting: (pick) =>
    pick<Window>([
      { app: 'zoom.us', title: `Zoom Meeting - ${pick(MEETINGS)}` },
      { app: browser(pick), title: `Meet – ${pick(MEETINGS)}`, url: 'https://meet.google.com/abc-defg-hij' },
      { app: 'Microsoft Teams', title: `${pick(MEETINGS)} | Call | Microsoft Teams` },
    ]),
  chat: (pick) => ({ app: 'Slack', title: `${pick(CHANNELS)} - Acme - Slack` }),
  email: (pick) =>
    pick<Window>([
      { app: 'Microsoft Outlook', title: `Inbox - ${pick(PEOPLE)}@acme.com - Outlook` },
      { app: browser(pick), title: 'Inbox (12) - mail@acme.com - Gmail', url: 'https://mail.google.com/mail/u/0/#inbox' },
    ]),
  design: (pick) => pick<Window>([{ app: 'Figma', title: `${pick(SCREENS)} – Figma` }, { app: 'Adobe Photoshop 2025', title: `${pick(SCREENS)}.psd @ 66.7%` }]),
  writing: (pick) =>
    pick<Window>([
      { app: 'Notion', title: `${pick(DOCS)} - Notion` },
      { app: browser(pick), title: `${pick(DOCS)} - Google Docs`, url: 'https://docs.google.com/document/d/1xYz/edit' },
    ]),
  spreadsheet: (pick) =>
    pick<Window>([
      { app: 'Microsoft Excel', title: pick(SHEETS) },
      { app: browser(pick), title: `${pick(SHEETS).replace('.xlsx', '')} - Google Sheets`, url: 'https://docs.google.com/spreadsheets/d/1aBc/edit' },
    ]),
  planning: (pick) => {
    const ticket = pick(TICKETS);
    return pick<Window>([
      { app: browser(pick), title: `[${ticket}] ${pick(PRS)} - Jira`, url: `https://acme.atlassian.net/browse/${ticket}` },
      { app: 'Linear', title: `${ticket} ${pick(PRS)}` },
    ]);
  },
  research: (pick) => {
    const q = pick(SEARCHES);
    return { app: browser(pick), title: `${q} - Google Search`, url: `https://www.google.com/search?q=${encodeURIComponent(q)}` };
  },
  video: (pick) => ({ app: browser(pick), title: `${pick(VIDEOS)} - YouTube`, url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' }),
  social: (pick) =>
    pick<Window>([
      { app: browser(pick), title: 'Home / X', url: 'https://x.com/home' },
      { app: browser(pick), title: 'r/programming', url: 'https://www.reddit.com/r/programming/' },
      { app: browser(pick), title: 'Instagram', url: 'https://www.instagram.com/' },
    ]),
  news: (pick) =>
    pick<Window>([
      { app: browser(pick), title: 'BBC News - Home', url: 'https://www.bbc.com/news' },
      { app: browser(pick), title: 'Hacker News', url: 'https://news.ycombinator.com/' },
    ]),
  music: (pick) => ({ app: 'Spotify', title: pick(['Daft Punk – Digital Love', 'Deep Focus', 'Nils Frahm – Says']) }),
  shopping: (pick) => ({ app: browser(pick), title: 'Amazon.com : standing desk mat', url: 'https://www.amazon.com/s?k=standing+desk+mat' }),
  // In-house tools: no rule knows these apps; their titles still tell what the work is.
  unknown: (pick) =>
    pick<Window>([
      { app: 'Acme Ledger', title: 'Reconcile invoices - March close' },
      { app: 'Tessera Board', title: 'Sprint 42 backlog grooming' },
      { app: 'QuillDesk', title: 'Ticket #8812 - customer cannot log in' },
      { app: 'Northwind CRM', title: 'Opportunity: Globex renewal' },
    ]),
};

/** How a persona spends focus time (weights); meetings, mail and breaks are scheduled separately. */
export const PERSONA_FOCUS: Record<Persona, Partial<Record<ActivityName, number>>> = {
  developer: { coding: 10, terminal: 4, codeReview: 3, docsLookup: 3, research: 2, planning: 1, chat: 2, unknown: 1 },
  designer: { design: 10, research: 2, writing: 2, chat: 2, planning: 1, unknown: 1 },
  manager: { writing: 4, spreadsheet: 3, planning: 4, chat: 4, email: 3, unknown: 1 },
  analyst: { spreadsheet: 8, research: 3, writing: 2, coding: 2, chat: 2, unknown: 2 },
  support: { unknown: 5, chat: 5, email: 4, writing: 2, research: 1 },
};

export const BREAK_ACTIVITIES: Partial<Record<ActivityName, number>> = { video: 3, social: 3, news: 2, shopping: 1, music: 1 };

export const PERSONAS = Object.keys(PERSONA_FOCUS) as Persona[];
