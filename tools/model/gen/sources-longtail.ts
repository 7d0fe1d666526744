import { Source, cap, visit } from './kit';
import { Rng } from './rng';
import {
  AI_WORDS, ALBUMS, ALL_ARTICLES, ALL_BOOKS, ALL_PRODUCTS, ALL_SHOWS, ALL_SONGS, BANK_PAGES, CHANNELS, CHAT_WORDS, COURSES, DECK_NAMES,
  DESIGN_NAMES, DOC_NAMES, EMAIL_SUBJECTS, FINANCE_WORDS, FOLDERS, GAMES, GROUP_CHATS, LESSON_PARTS, MEETING_NAMES, MOVIES, MUSIC_WORDS,
  POSTS_ALL, PR_TITLES, SETTINGS_PAGES, SHEET_NAMES, SHOP_PAGE_WORDS, SOCIAL_PAGES, STREAMERS, TICKERS, VIDEO_WORDS,
  codeFile, codePath, email, englishHeadline, person, project, repo, slug, videoTitle,
} from './vocab';

/*
 * The long tail: smaller apps and sites (real or plausible) for every category, each its own split
 * group with only a handful of records. Their titles follow the conventions of their category
 * with the shared vocabularies (songs, products, headlines, course names…), which is exactly what
 * the model must recognise for apps and sites no rule knows.
 */

type Title = (r: Rng, brand: string) => string;
interface Tail {
  category: string;
  /** [brand, 'web' | 'app'] */
  brands: ReadonlyArray<readonly [string, 'web' | 'app']>;
  titles: Title[];
  /** URL path patterns typical of the category. */
  paths: string[];
  tlds?: string[];
}

const n = (r: Rng, a: number, b: number) => r.int(a, b);
const convo = (r: Rng) => r.pick(['Summarize this article', 'Fix my SQL query', 'Plan a 3-day trip to Rome', 'Explain recursion', 'Write a haiku about autumn', 'Draft a polite reminder email', 'Compare React and Vue', 'Translate to Spanish', 'New conversation', 'Untitled chat']);
const song = (r: Rng) => r.pick(ALL_SONGS);
const book = (r: Rng) => r.pick(ALL_BOOKS);
const price = (r: Rng) => `${r.pick(['$', '€', '£'])}${n(r, 5, 999)}.${r.pick(['99', '49', '00'])}`;
const ep = (r: Rng) => `S${n(r, 1, 5)}E${n(r, 1, 12)}`;
const chatTitle = (r: Rng) => r.pick([person(r), r.pick(GROUP_CHATS), `${r.pick(GROUP_CHATS)} (${n(r, 3, 120)} members)`, r.pick(CHAT_WORDS)]);
const paper = (r: Rng) => `${r.pick(['A Study of', 'Advances in', 'Modeling', 'Rethinking', 'An Empirical Analysis of', 'Learning'])} ${r.pick(['Neural Machine Translation', 'Urban Mobility Patterns', 'Gut Microbiota', 'Protein Dynamics', 'Labor Market Frictions', 'Coral Bleaching', 'Sparse Attention'])}`;

const TAILS: Tail[] = [
  {
    category: 'communication:meetings',
    brands: [['RingCentral Video', 'app'], ['Lifesize', 'app'], ['Pexip', 'web'], ['Dialpad Meetings', 'web'], ['Tencent Meeting', 'app'], ['Lark Meetings', 'app'], ['Vowel', 'web'], ['StreamYard', 'web'], ['Riverside', 'web'], ['Zoho Meeting', 'web'], ['eyeson', 'web'], ['Butter', 'web'], ['MiroTalk', 'web'], ['Teamviewer Meeting', 'app'], ['BigMarker', 'web']],
    titles: [
      (r, b) => `${r.pick(MEETING_NAMES)} - ${b}`,
      (r, b) => `${b} Meeting`,
      (r, b) => `${b} - ${r.pick(['Meeting', 'Call', 'Video call', 'Conference', 'Webinar'])} in progress`,
      (r, b) => `Call with ${person(r)} | ${b}`,
      (r, b) => `${r.pick(MEETING_NAMES)} (${n(r, 2, 40)} participants) - ${b}`,
      (r, b) => `Webinar: ${r.pick(['Intro to Kubernetes', 'Q3 results', 'Product launch', 'Hiring update'])} | ${b}`,
    ],
    paths: ['/meeting/', '/j/', '/room/', '/call/', '/webinar/'],
  },
  {
    category: 'communication:chat',
    brands: [['Rocket.Chat', 'app'], ['Twist', 'web'], ['Flock', 'app'], ['Chanty', 'app'], ['Pumble', 'web'], ['Revolt', 'web'], ['Guilded', 'app'], ['Kik', 'app'], ['Tox', 'app'], ['Briar', 'app'], ['SimpleX Chat', 'app'], ['Jami', 'app'], ['Ryver', 'web'], ['Campfire', 'web'], ['Spike Chat', 'app']],
    titles: [
      (r, b) => `${chatTitle(r)} - ${b}`,
      (r, b) => `${b} (${n(r, 1, 40)})`,
      (r, b) => `#${r.pick(CHANNELS)} - ${r.pick(['Acme', 'Hooli', 'Dev Team', 'Book club'])} - ${b}`,
      (r, b) => `${person(r)} | ${b}`,
      (r, b) => `${r.pick(CHAT_WORDS)} | ${b}`,
      (r, b) => `@${person(r).split(' ')[0].toLowerCase()} - ${b}`,
    ],
    paths: ['/chat/', '/messages/', '/channel/', '/dm/'],
  },
  {
    category: 'entertainment:social-media',
    brands: [['Cohost', 'web'], ['Minds', 'web'], ['MeWe', 'web'], ['Misskey', 'web'], ['Plurk', 'web'], ['Friendica', 'web'], ['Diaspora', 'web'], ['BeReal', 'web'], ['Kbin', 'web'], ['Spoutible', 'web'], ['Post.news', 'web'], ['Vero', 'app'], ['Lemon8', 'web'], ['Steemit', 'web'], ['Gettr', 'web']],
    titles: [
      (r, b) => `${person(r)} (@${slug(person(r)).replace(/-/g, '')}) / ${b}`,
      (r, b) => `${r.pick(SOCIAL_PAGES)} - ${b}`,
      (r, b) => `${person(r)}: "${r.pick(POSTS_ALL)}" - ${b}`,
      (r, b) => `${r.pick(POSTS_ALL)} | ${b}`,
      (r, b) => `(${n(r, 1, 30)}) ${r.pick(SOCIAL_PAGES)} | ${b}`,
    ],
    paths: ['/home', '/feed', '/@user', '/post/', '/notifications'],
  },
  {
    category: 'learning:courses',
    brands: [['Teachable', 'web'], ['Thinkific', 'web'], ['FutureLearn', 'web'], ['Alison', 'web'], ['NPTEL', 'web'], ['iversity', 'web'], ['D2L Brightspace', 'web'], ['Schoology', 'web'], ['ILIAS', 'web'], ['Sakai', 'web'], ['Outschool', 'web'], ['italki', 'web'], ['Preply', 'web'], ['Lingoda', 'web'], ['The Great Courses', 'web'], ['Scrimba', 'web']],
    titles: [
      (r, b) => `${r.pick(LESSON_PARTS)} - ${r.pick(COURSES)} | ${b}`,
      (r, b) => `${r.pick(COURSES)} | ${b}`,
      (r, b) => `Course: ${r.pick(COURSES)} - ${b}`,
      (r, b) => `${b} - ${r.pick(['My Courses', 'Dashboard', 'My Learning', 'Lesson', 'Quiz'])}`,
      (r, b) => `${r.pick(['Module', 'Unit', 'Lesson', 'Week'])} ${n(r, 1, 12)}: ${r.pick(COURSES)} - ${b}`,
    ],
    paths: ['/courses/', '/course/', '/lesson/', '/learn/', '/mod/quiz/'],
  },
  {
    category: 'work:ai-assistants',
    brands: [['Pi', 'web'], ['Kimi', 'web'], ['Doubao', 'web'], ['ERNIE Bot', 'web'], ['Jasper', 'web'], ['Writesonic', 'web'], ['Cohere Coral', 'web'], ['Liner', 'web'], ['Monica', 'web'], ['Merlin', 'web'], ['Zhipu ChatGLM', 'web'], ['Reka', 'web'], ['Inflection', 'web'], ['AnythingLLM', 'app'], ['GPT4All', 'app']],
    titles: [
      (r, b) => `${convo(r)} - ${b}`,
      (r, b) => `${b} - ${r.pick(AI_WORDS)}`,
      (r, b) => `${r.pick(AI_WORDS)} | ${b}`,
      (r, b) => `${b} AI`,
      (r, b) => `${convo(r)} | ${b} Chat`,
    ],
    paths: ['/chat/', '/c/', '/app/', '/'],
    tlds: ['ai', 'ai', 'com', 'chat'],
  },
  {
    category: 'work:office',
    brands: [['Zoho Sheet', 'web'], ['Gnumeric', 'app'], ['Calligra Sheets', 'app'], ['Basecamp', 'web'], ['Wrike', 'web'], ['Teamwork', 'web'], ['Notion Calendar', 'app'], ['Fantastical', 'app'], ['Coda', 'web'], ['Quip', 'web'], ['Pipedrive', 'web'], ['Freshdesk', 'web'], ['Help Scout', 'web'], ['Personio', 'web'], ['Lucidchart', 'web'], ['Whimsical', 'web'], ['Mural', 'web']],
    titles: [
      (r, b) => `${r.pick(SHEET_NAMES)} - ${b}`,
      (r, b) => `${r.pick(['Update onboarding checklist', 'Prepare Q3 report', 'Review vendor contracts', 'Plan offsite agenda'])} | ${b}`,
      (r, b) => `${r.pick(DECK_NAMES)} - ${b}`,
      (r, b) => `${r.pick(['Board', 'Project', 'Tasks', 'Calendar', 'Pipeline', 'Tickets'])}: ${r.pick(['Marketing', 'Q3 planning', 'Hiring', 'Support queue', 'Sales'])} - ${b}`,
      (r, b) => `${b} - ${r.pick(['Projects', 'My tasks', 'Inbox', 'Week view', 'Dashboard', 'Reports'])}`,
    ],
    paths: ['/projects/', '/board/', '/sheet/', '/tickets/', '/calendar/'],
  },
  {
    category: 'entertainment:games',
    brands: [['Brawlhalla', 'app'], ['Warframe', 'app'], ['Dead by Daylight', 'app'], ['Rust', 'app'], ['Team Fortress 2', 'app'], ['Paladins', 'app'], ['Sea of Thieves', 'app'], ['No Man’s Sky', 'app'], ['Subnautica', 'app'], ['Don’t Starve Together', 'app'], ['Krunker', 'web'], ['Gartic Phone', 'web'], ['Chess24', 'web'], ['Board Game Arena', 'web'], ['Miniclip', 'web'], ['Kongregate', 'web']],
    titles: [
      (_r, b) => b,
      (r, b) => `${b}  (64-bit, DX${r.pick(['11', '12'])})`,
      (r, b) => `${b} v${n(r, 1, 3)}.${n(r, 0, 20)}.${n(r, 0, 9)}`,
      (r, b) => `Play ${b} Online for Free`,
      (r, b) => `${b} - ${r.pick(['Play', 'Lobby', 'Game', 'Match', 'Launcher', 'Leaderboard'])}`,
      (r, b) => `${r.pick(GAMES)} - ${b}`,
    ],
    paths: ['/play', '/game/', '/games/', '/lobby'],
  },
  {
    category: 'system',
    brands: [['Synology DiskStation', 'web'], ['Pi-hole', 'web'], ['Proxmox VE', 'web'], ['Unraid', 'web'], ['CleanMyMac', 'app'], ['Glary Utilities', 'app'], ['HWMonitor', 'app'], ['CrystalDiskInfo', 'app'], ['Everything', 'app'], ['Total Commander', 'app'], ['Directory Opus', 'app'], ['AppCleaner', 'app'], ['BleachBit', 'app'], ['Stacer', 'app'], ['Rufus', 'app'], ['balenaEtcher', 'app']],
    titles: [
      (_r, b) => b,
      (r, b) => `${b} - ${r.pick(SETTINGS_PAGES)}`,
      (r, b) => `${r.pick(FOLDERS)} - ${b}`,
      (r, b) => `${b} ${r.pick(['Settings', 'Control Panel', 'Dashboard', 'Status', 'System Info', 'Updates', 'Disk Usage'])}`,
      (r, b) => `${b} ${n(r, 1, 9)}.${n(r, 0, 9)} - ${r.pick(['Scan complete', 'Storage', 'Network', 'Processes', 'Overview'])}`,
    ],
    paths: ['/admin/', '/status', '/settings', '/'],
  },
  {
    category: 'entertainment:video',
    brands: [['Pluto TV', 'web'], ['Crackle', 'web'], ['Rakuten TV', 'web'], ['Viki', 'web'], ['Shahid', 'web'], ['Zee5', 'web'], ['Hotstar', 'web'], ['Curiosity Stream', 'web'], ['Nebula', 'web'], ['Odysee', 'web'], ['PeerTube', 'web'], ['Emby', 'app'], ['SmartTube', 'app'], ['Infuse', 'app'], ['Movist', 'app']],
    titles: [
      (r, b) => `Watch ${r.pick(ALL_SHOWS)} ${ep(r)} | ${b}`,
      (r, b) => `${r.pick(MOVIES)} - ${b}`,
      (r, b) => `${b} - ${r.pick(VIDEO_WORDS)}`,
      (r, b) => `${videoTitle(r)} - ${b}`,
      (r, b) => `${r.pick(STREAMERS)} ${r.pick(['live', 'stream', 'VOD'])} | ${b}`,
    ],
    paths: ['/watch/', '/video/', '/series/', '/movies/', '/live/'],
  },
  {
    category: 'entertainment:music',
    brands: [['Audiomack', 'web'], ['Napster', 'web'], ['Anghami', 'web'], ['JioSaavn', 'web'], ['Boomplay', 'web'], ['iHeartRadio', 'web'], ['Mixcloud', 'web'], ['Beatport', 'web'], ['Navidrome', 'web'], ['Clementine', 'app'], ['Elisa', 'app'], ['MusicBrainz Picard', 'app'], ['Poweramp', 'app'], ['Swinsian', 'app']],
    titles: [
      (r, b) => { const [a, t] = song(r); return `${a} - ${t} - ${b}`; },
      (r, b) => { const [a, t] = song(r); return `${t} by ${a} | ${b}`; },
      (r, b) => `${r.pick(MUSIC_WORDS)} - ${b}`,
      (r, b) => `${r.pick(ALBUMS)} - ${song(r)[0]} | ${b}`,
      (r, b) => { const [a, t] = song(r); return `▶ ${t} — ${a}`; },
    ],
    paths: ['/song/', '/album/', '/playlist/', '/artist/', '/radio/'],
  },
  {
    category: 'learning:reading',
    brands: [['Bookmate', 'web'], ['Everand', 'web'], ['Storytel', 'app'], ['BookBeat', 'app'], ['Blinkist', 'web'], ['Omnivore', 'web'], ['Matter', 'app'], ['Kavita', 'web'], ['Komga', 'web'], ['NetGalley', 'web'], ['StoryGraph', 'web'], ['LibraryThing', 'web'], ['Inkitt', 'web'], ['Tapas', 'web']],
    titles: [
      (r, b) => `${book(r)[0]} - ${b}`,
      (r, b) => { const [t, a] = book(r); return `${t} by ${a} | ${b}`; },
      (r, b) => `${r.pick(ALL_ARTICLES)} - ${b}`,
      (r, b) => `Chapter ${n(r, 1, 40)} - ${book(r)[0]} - ${b}`,
      (r, b) => `${r.pick(['Reading list', 'Library', 'Bookshelf', 'Highlights', 'Currently reading'])} | ${b}`,
    ],
    paths: ['/books/', '/read/', '/book/', '/article/', '/library'],
  },
  {
    category: 'entertainment:news',
    brands: [['The Local', 'web'], ['Euronews', 'web'], ['DW', 'web'], ['France 24', 'web'], ['The Hindu', 'web'], ['Irish Times', 'web'], ['Kyiv Independent', 'web'], ['Semafor', 'web'], ['The Conversation', 'web'], ['Deseret News', 'web'], ['Sydney Morning Herald', 'web'], ['Ground News', 'web'], ['Newsweek', 'web'], ['Rest of World', 'web']],
    titles: [
      (r, b) => `${englishHeadline(r)} | ${b}`,
      (r, b) => `${englishHeadline(r)} - ${b}`,
      (r, b) => `${b} - ${r.pick(['Breaking News', 'Latest News', 'World News', 'Top Stories', 'Live updates'])}`,
      (r, b) => `${englishHeadline(r)}`,
    ],
    paths: ['/news/', '/world/', '/politics/', '/article/', '/2024/'],
  },
  {
    category: 'shopping',
    brands: [['Überstore', 'web'], ['Coolblue', 'web'], ['Argos', 'web'], ['Currys', 'web'], ['Fnac', 'web'], ['Darty', 'web'], ['Alza', 'web'], ['Tokopedia', 'web'], ['Lazada', 'web'], ['Noon', 'web'], ['Overstock', 'web'], ['B&H Photo', 'web'], ['Kohl’s', 'web'], ['John Lewis', 'web'], ['Jumia', 'web'], ['Otto Versand', 'web']],
    titles: [
      (r, b) => `${r.pick(ALL_PRODUCTS)} | ${b}`,
      (r, b) => `Buy ${r.pick(ALL_PRODUCTS)} - ${b}`,
      (r, b) => `${r.pick(SHOP_PAGE_WORDS)} - ${b}`,
      (r, b) => `${r.pick(ALL_PRODUCTS)} – ${price(r)} | ${b}`,
      (r, b) => `${r.pick(ALL_PRODUCTS)} : ${b}`,
    ],
    paths: ['/product/', '/p/', '/cart', '/checkout', '/item/'],
  },
  {
    category: 'personal:finance',
    brands: [['Bunq', 'web'], ['Vivid Money', 'web'], ['Fineco', 'web'], ['Triodos', 'web'], ['Santander Consumer', 'web'], ['Raiffeisen', 'web'], ['Nordea', 'web'], ['Danske Bank', 'web'], ['KBC', 'web'], ['Ally Invest', 'web'], ['Public.com', 'web'], ['Webull', 'app'], ['Moneydance', 'app'], ['Firefly III', 'web'], ['Finanzguru', 'app']],
    titles: [
      (r, b) => `${r.pick(BANK_PAGES)} | ${b}`,
      (r, b) => `${b} Online Banking - ${r.pick(FINANCE_WORDS)}`,
      (r, b) => `${r.pick(TICKERS)} ${n(r, 10, 900)}.${n(r, 10, 99)} | ${b}`,
      (r, b) => `${r.pick(FINANCE_WORDS)} - ${b}`,
      (r, b) => `${b} - ${r.pick(BANK_PAGES)}`,
    ],
    paths: ['/banking/', '/accounts', '/portfolio', '/transactions', '/login'],
  },
  {
    category: 'work:research',
    brands: [['Elicit', 'web'], ['Consensus', 'web'], ['Scite', 'web'], ['Dimensions', 'web'], ['OpenAlex', 'web'], ['CORE', 'web'], ['BASE Search', 'web'], ['PLOS ONE', 'web'], ['Frontiers', 'web'], ['MDPI', 'web'], ['Wiley Online Library', 'web'], ['Taylor & Francis Online', 'web'], ['JabRef', 'app'], ['Citavi', 'app'], ['ReadCube Papers', 'app']],
    titles: [
      (r, b) => `${paper(r)} | ${b}`,
      (r, b) => `${paper(r)} - ${b}`,
      (r, b) => `${r.pick(['transformer attention survey', 'sleep memory consolidation', 'soil carbon', 'microplastics in drinking water'])} - ${b} Search`,
      (r, b) => `${b} - ${r.pick(['My Library', 'References', 'Citations', 'Search results'])}`,
    ],
    paths: ['/paper/', '/article/', '/doi/', '/search', '/works/'],
  },
  {
    category: 'work:writing',
    brands: [['Draft', 'web'], ['Novlr', 'web'], ['Reedsy Editor', 'web'], ['Manuscripts', 'app'], ['Zettlr', 'app'], ['Mark Text', 'app'], ['Ghostwriter', 'app'], ['FocusWriter', 'app'], ['Standard Notes', 'app'], ['Craft', 'app'], ['Notesnook', 'app'], ['Anytype', 'app'], ['WPS Writer', 'app'], ['Nuclino', 'web']],
    titles: [
      (r, b) => `${r.pick(DOC_NAMES)} - ${b}`,
      (r, b) => `${slug(r.pick(DOC_NAMES))}.${r.pick(['docx', 'md', 'odt', 'rtf', 'txt'])} - ${b}`,
      (r, b) => `${r.pick(DOC_NAMES)} | ${b} Editor`,
      (r, b) => `${r.pick(DOC_NAMES)} — ${r.pick(['Draft', 'Edited', 'Word count: ' + n(r, 200, 9000)])}`,
    ],
    paths: ['/doc/', '/editor/', '/write/', '/notes/'],
  },
  {
    category: 'work:design',
    brands: [['Vectornator', 'app'], ['Lunacy', 'app'], ['Gravit Designer', 'web'], ['Photopea', 'web'], ['Vectr', 'web'], ['Pixlr', 'web'], ['Corel Vector', 'web'], ['CorelDRAW', 'app'], ['Autodesk Maya', 'app'], ['ZBrush', 'app'], ['Houdini', 'app'], ['SketchUp', 'app'], ['Paint.NET', 'app'], ['Capture One', 'app'], ['Rive', 'web']],
    titles: [
      (r, b) => `${slug(r.pick(DESIGN_NAMES))}.${r.pick(['psd', 'svg', 'png', 'ai', 'fig', 'blend', 'tif'])} @ ${r.pick(['50', '100', '66.7', '200'])}% - ${b}`,
      (r, b) => `${r.pick(DESIGN_NAMES)} - ${b}`,
      (r, b) => `${b} - ${r.pick(DESIGN_NAMES)}`,
      (r, b) => `${b} - [${slug(r.pick(DESIGN_NAMES))}] (${r.pick(['1920x1080', '1080x1080', '3840x2160', 'A4'])})`,
    ],
    paths: ['/editor/', '/design/', '/file/', '/'],
  },
  {
    category: 'communication:email',
    brands: [['Mailbird', 'app'], ['Betterbird', 'app'], ['Claws Mail', 'app'], ['Evolution', 'app'], ['Geary', 'app'], ['Posteo', 'web'], ['Mailfence', 'web'], ['Runbox', 'web'], ['Mailbox.org', 'web'], ['Seznam Email', 'web'], ['Naver Mail', 'web'], ['AOL Mail', 'web'], ['Skiff Mail', 'web'], ['Shortwave', 'web']],
    titles: [
      (r, b) => `Inbox - ${email(r)} - ${b}`,
      (r, b) => `${r.pick(EMAIL_SUBJECTS)} - ${b}`,
      (r, b) => `${b} - Inbox (${n(r, 1, 300)})`,
      (r, b) => `${r.pick(['Inbox', 'Sent', 'Drafts', 'Archive', 'Spam'])} | ${b} Mail`,
      (r, b) => `${r.pick(EMAIL_SUBJECTS)} — ${email(r)}`,
    ],
    paths: ['/mail/', '/inbox', '/webmail/', '/u/0/'],
  },
  {
    category: 'work:programming',
    brands: [['Nova', 'app'], ['Lapce', 'app'], ['Helix', 'app'], ['Kate', 'app'], ['Geany', 'app'], ['Qt Creator', 'app'], ['Code::Blocks', 'app'], ['Fleet', 'app'], ['Gitea', 'web'], ['Forgejo', 'web'], ['SourceHut', 'web'], ['Codeberg', 'web'], ['Buildkite', 'web'], ['Drone CI', 'web'], ['Sourcegraph', 'web']],
    titles: [
      (r, b) => `${codeFile(r)} - ${project(r)} - ${b}`,
      (r, b) => `${project(r)} – ${codePath(r)}`,
      (r, b) => `${r.pick(PR_TITLES)} · ${repo(r)} - ${b}`,
      (r, b) => `${repo(r)} - ${b}`,
      (r, b) => `${codePath(r)} (${project(r)}) - ${b}`,
    ],
    paths: ['/src/', '/pulls/', '/commits/', '/builds/'],
  },
];

/** One small source per long-tail brand. */
export const longTail: Source[] = TAILS.flatMap((tail) =>
  tail.brands.map(([brand, kind]): Source => {
    const group = `tail:${slug(brand)}`;
    const host = `${r0(slug(brand))}.${(tail.tlds ?? ['com', 'com', 'io', 'net', 'de', 'app'])[brand.length % (tail.tlds?.length ?? 6)]}`;
    return {
      group,
      count: 7,
      gen: (r) => {
        const title = r.pick(tail.titles)(r, brand);
        if (kind === 'app') return { app: r.pick([`${brand.replace(/[^\p{L}\p{N}]+/gu, '')}.exe`, brand, cap(brand)]), title, categoryId: tail.category };
        return { ...visit(r, { title, host, path: r.pick(tail.paths) }), categoryId: tail.category };
      },
    };
  }),
);

function r0(s: string): string {
  return s.replace(/-/g, '');
}
