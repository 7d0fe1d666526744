import { Rng } from './rng';

/* Hand-written vocabularies shared by the example generator's sources. */

export const PEOPLE = [
  'Anna Müller', 'James Smith', 'María García', 'Wei Zhang', 'Yuki Tanaka', 'Priya Sharma', 'Olumide Adeyemi', 'Lukas Schmidt',
  'Sophie Martin', 'Giulia Rossi', 'Mohammed Al-Sayed', 'Ivan Petrov', 'Emma Johnson', 'Noah Williams', 'Chloé Dubois',
  'Sven Andersson', 'Fatima Khan', 'Kenji Sato', 'Jan de Vries', 'Ana Souza', "Liam O'Brien", 'Zoe Chen', 'Mateo Fernández',
  'Aisha Bello', 'Tomasz Kowalski', 'Elif Yılmaz', 'Hannah Becker', 'Lucas Silva', 'Sarah Cohen', 'Minh Nguyen', 'David Kim',
  'Laura Bianchi', 'Pierre Lefèvre', 'Ingrid Nilsen', 'Carlos Ruiz', 'Olga Ivanova', 'Arjun Patel', 'Mei Lin', 'Jonas Weber',
  'Rachel Green', 'Tom Baker', 'Nina Hoffmann', 'Alex Turner', 'Sam Taylor', 'Jordan Lee',
];
export const FIRST_NAMES = PEOPLE.map((p) => p.split(' ')[0]);

export const COMPANIES = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Pied Piper', 'Vandelay Industries',
  'Contoso', 'Fabrikam', 'Northwind', 'Tailspin Toys', 'Wide World Importers', 'Soylent', 'Cyberdyne', 'Massive Dynamic',
  'Blue Sun', 'Aperture Labs', 'Oscorp', 'Nimbus Analytics', 'Brightpath', 'Lumen Labs', 'Quantum Leap GmbH', 'Société Générale de Test',
];
export const EMAIL_DOMAINS = ['example.com', 'acme.io', 'gmail.com', 'outlook.com', 'company.de', 'uni-heidelberg.de', 'proton.me', 'globex.co.uk', 'hooli.com', 'yahoo.fr', 'icloud.com'];

export function person(r: Rng): string {
  return r.pick(PEOPLE);
}
export function email(r: Rng): string {
  const [first, last = 'user'] = r.pick(PEOPLE).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/['ı]/g, 'i').toLowerCase().split(' ');
  const local = r.pick([`${first}.${last}`, first, `${first[0]}${last}`, `${first}${r.int(1, 99)}`, 'user', 'me']);
  return `${local}@${r.pick(EMAIL_DOMAINS)}`;
}
export function company(r: Rng): string {
  return r.pick(COMPANIES);
}
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// --- programming -------------------------------------------------------------------------------

export const PROJECTS = [
  'myproject', 'api-gateway', 'billing-service', 'frontend', 'backend', 'web-app', 'mobile-app', 'dotfiles', 'infra', 'terraform-aws',
  'data-pipeline', 'ml-experiments', 'blog', 'portfolio', 'kernel-module', 'game-engine', 'compiler', 'chat-server', 'payments',
  'auth-service', 'shop-frontend', 'analytics', 'monorepo', 'cli-tool', 'rust-playground', 'advent-of-code', 'homework3', 'thesis-code',
  'activity-pipeline', 'design-system', 'k8s-manifests', 'scraper', 'discord-bot', 'todo-app', 'inventory-api', 'etl-jobs', 'website',
  'raytracer', 'android-client', 'ios-app', 'landing', 'search-service', 'notification-worker', 'legacy-erp', 'vscode-extension',
];
export const ORGS = ['acme', 'reactjs', 'microsoft', 'vercel', 'rust-lang', 'torvalds', 'nestjs', 'golang', 'kubernetes', 'psf', 'jdoe', 'sindresorhus', 'tokio-rs', 'denoland', 'django', 'pallets', 'apache', 'hashicorp', 'my-company', 'lmueller'];

const FILES_BY_EXT: Record<string, string[]> = {
  rs: ['main', 'lib', 'mod', 'parser', 'lexer', 'config', 'handlers', 'error', 'state'],
  ts: ['index', 'app.module', 'user.service', 'auth.controller', 'main', 'utils', 'api', 'store', 'router', 'types', 'schema', 'worker'],
  tsx: ['App', 'Header', 'Dashboard', 'LoginForm', 'Button', 'Layout', 'page', 'Sidebar', 'Modal'],
  js: ['server', 'index', 'webpack.config', 'app', 'routes', 'gulpfile', 'helpers', 'eslint.config'],
  jsx: ['App', 'Navbar', 'TodoList', 'Card'],
  py: ['main', 'utils', 'models', 'views', 'train', 'settings', 'manage', 'test_api', '__init__', 'preprocess', 'app', 'tasks'],
  go: ['main', 'server', 'handler', 'config', 'main_test', 'routes', 'db'],
  java: ['Main', 'UserController', 'Application', 'OrderService', 'Repository', 'Config'],
  kt: ['MainActivity', 'Repository', 'ViewModel', 'Api'],
  cs: ['Program', 'Startup', 'UserController', 'Player', 'GameManager'],
  cpp: ['main', 'renderer', 'engine', 'matrix', 'allocator'],
  c: ['main', 'kernel', 'driver', 'list'],
  h: ['common', 'config', 'vec'],
  rb: ['application_controller', 'user', 'routes', 'Gemfile'],
  php: ['index', 'functions', 'UserController', 'web'],
  swift: ['ContentView', 'AppDelegate', 'NetworkManager', 'Model'],
  go_mod: ['go.mod'],
  sql: ['schema', 'migration_001', 'queries', 'seed'],
  sh: ['deploy', 'install', 'build', 'entrypoint'],
  yml: ['docker-compose', 'ci', 'deployment', '.gitlab-ci', 'values'],
  yaml: ['config', 'deployment', 'workflow'],
  toml: ['Cargo', 'pyproject', 'config'],
  json: ['package', 'tsconfig', 'settings', 'launch', 'composer'],
  md: ['README', 'CHANGELOG', 'CONTRIBUTING', 'notes'],
  css: ['styles', 'main', 'globals'],
  scss: ['_variables', 'app'],
  html: ['index', 'base', 'template'],
  vue: ['App', 'HelloWorld', 'Dashboard'],
  svelte: ['App', '+page', 'Counter'],
  dart: ['main', 'home_screen'],
  ipynb: ['analysis', 'EDA', 'model_training', 'Untitled'],
  lua: ['init', 'plugins'],
  ex: ['router', 'user'],
  hs: ['Main', 'Parser'],
  scala: ['Main', 'Job'],
  tf: ['main', 'variables', 'outputs'],
};
const EXTENSIONS = Object.keys(FILES_BY_EXT).filter((e) => e !== 'go_mod');
const SPECIAL_FILES = ['Dockerfile', 'Makefile', '.env', '.gitignore', 'go.mod', 'Jenkinsfile', 'Procfile', '.bashrc', 'nginx.conf'];

export function codeFile(r: Rng): string {
  if (r.chance(0.06)) return r.pick(SPECIAL_FILES);
  const ext = r.pick(EXTENSIONS);
  return `${r.pick(FILES_BY_EXT[ext])}.${ext}`;
}
export function codePath(r: Rng): string {
  const dirs = ['src', 'lib', 'app', 'internal', 'pkg', 'tests', 'src/components', 'src/api', 'cmd/server', 'services/auth', 'crates/core/src'];
  return `${r.pick(dirs)}/${codeFile(r)}`;
}
export function project(r: Rng): string {
  return r.pick(PROJECTS);
}
export function repo(r: Rng): string {
  return `${r.pick(ORGS)}/${project(r)}`;
}

export const LANGS = ['python', 'javascript', 'typescript', 'rust', 'go', 'java', 'c#', 'c++', 'sql', 'bash', 'react', 'node.js', 'docker', 'kotlin', 'swift', 'postgresql', 'git', 'regex', 'css', 'pandas', 'django', 'kubernetes'];
const SO_TEMPLATES = [
  'How do I {v} {o} in {l}?', 'How to {v} {o} using {l}', 'Why does {o} return undefined after {v2}?', '{e} when trying to {v} {o}',
  'What is the difference between {o} and {o2}?', 'Is it possible to {v} {o} without {o2}?', 'Best way to {v} {o}', 'Cannot {v} {o}: {e}',
  '{l}: {o} is always null', 'Unexpected behaviour of {o} with async/await', 'How can I {v} {o} faster?',
];
const SO_VERBS = ['merge', 'sort', 'parse', 'iterate over', 'convert', 'remove duplicates from', 'serialize', 'mock', 'deep copy', 'flatten', 'debounce', 'validate', 'filter', 'compare', 'cache', 'stream', 'format', 'migrate', 'reverse', 'read'];
const SO_OBJECTS = ['two dictionaries', 'a list of objects', 'a JSON string', 'a date string', 'a nested array', 'environment variables', 'a Promise', 'a HashMap', 'a DataFrame column', 'a foreign key', 'a git branch', 'a Docker volume', 'a generic type', 'a borrowed value', 'an enum', 'a CSV file', 'a websocket connection', 'the event loop', 'a closure', 'a goroutine', 'unit tests'];
const SO_ERRORS = ['TypeError: Cannot read properties of undefined', 'borrowed value does not live long enough', 'NullPointerException', 'segmentation fault (core dumped)', 'ModuleNotFoundError', 'CORS policy error', 'error[E0382]: use of moved value', 'deadlock detected', 'ECONNREFUSED', 'IndexError: list index out of range', 'undefined reference to `main`', 'permission denied (publickey)', 'Maximum update depth exceeded'];

function fillTemplate(r: Rng, template: string, slots: Record<string, () => string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (slots[k] ? slots[k]() : k));
}
export function soQuestion(r: Rng): string {
  return fillTemplate(r, r.pick(SO_TEMPLATES), {
    v: () => r.pick(SO_VERBS),
    v2: () => r.pick(SO_VERBS),
    o: () => r.pick(SO_OBJECTS),
    o2: () => r.pick(SO_OBJECTS),
    e: () => r.pick(SO_ERRORS),
    l: () => r.pick(LANGS),
  });
}
export const PR_TITLES = [
  'Fix race condition in connection pool', 'Add retry with exponential backoff', 'Bump lodash from 4.17.20 to 4.17.21', 'Refactor auth middleware',
  'feat: add dark mode toggle', 'fix(api): handle empty payload', 'chore: update dependencies', 'Improve error messages for invalid config',
  'Migrate to ESM', 'Add integration tests for checkout flow', 'perf: cache compiled regexes', 'docs: clarify installation steps',
  'Remove deprecated v1 endpoints', 'Support Python 3.12', 'WIP: new onboarding flow', 'Memory leak when closing websocket',
  'Crash on startup with empty config file', 'Build fails on Windows', 'Flaky test in CI: test_upload_large_file', 'Add pagination to /users',
];
export const TERMINAL_DEV_COMMANDS = [
  'npm run dev', 'npm test', 'yarn build', 'pnpm install', 'cargo build --release', 'cargo test', 'go test ./...', 'python manage.py runserver',
  'pytest -x tests/', 'docker compose up', 'kubectl get pods -n staging', 'git rebase -i HEAD~3', 'git log --oneline', 'make build',
  'terraform plan', 'mvn clean install', './gradlew assembleDebug', 'node server.js', 'ipython', 'psql -U postgres', 'redis-cli',
  'ssh deploy@staging-01', 'tsc --watch', 'nvim .', 'tail -f logs/app.log', 'dotnet run', 'bundle exec rails s', 'flutter run',
];
export const DOC_TOPICS = [
  'Getting started', 'Installation', 'Configuration', 'API reference', 'Quick start', 'Authentication', 'Routing', 'Middleware',
  'Error handling', 'Testing', 'Deployment', 'Migrations', 'Hooks', 'State management', 'Dependency injection', 'Environment variables',
  'Logging', 'Caching', 'Concurrency', 'Generics', 'Async programming', 'Modules', 'CLI reference', 'Release notes', 'Tutorial',
];
export const JS_APIS = ['Array.prototype.map()', 'Promise.all()', 'fetch()', 'Object.entries()', 'String.prototype.split()', 'async function', 'Map', 'JSON.parse()', 'Intl.DateTimeFormat', 'Array.prototype.reduce()', 'Element.addEventListener()', 'structuredClone()'];
export const RUST_ITEMS = ['Vec', 'HashMap', 'Option', 'Result', 'Iterator', 'String', 'Arc', 'Mutex', 'BufReader', 'Path', 'Duration', 'Cow'];
export const PACKAGES = ['express', 'lodash', 'react', 'axios', 'typescript', 'zod', 'requests', 'numpy', 'pandas', 'fastapi', 'serde', 'tokio', 'clap', 'gin', 'cobra', 'prisma', 'jest', 'vite', 'pydantic', 'sqlalchemy', 'rxjs', 'date-fns'];

// --- office / writing / design -----------------------------------------------------------------

export const DOC_NAMES = [
  'Thesis draft v3', 'Chapter 4 - Results', 'Cover letter', 'Blog post - Why we moved to Rust', 'Q3 newsletter', 'Essay on climate policy',
  'Project proposal', 'Short story - The Lighthouse', 'Resume_2024', 'Grant application', 'Product requirements', 'Lab report 2',
  'Wedding speech', 'Bachelorarbeit Entwurf', 'Mémoire - Introduction', 'Informe final', 'Tesi di laurea', '卒業論文', 'Artikel über Nachhaltigkeit',
  'Press release draft', 'Personal statement', 'Novel - Part II', 'Chapter 12', 'Literature review', 'Op-ed draft', 'User manual',
  'Release announcement', 'Meeting minutes', 'Research statement', 'Motivationsschreiben', 'Lettre de motivation', 'Abstract v2',
  'Screenplay - Act 1', 'Poems', 'Travel journal', 'Technical design doc', 'RFC: event sourcing', 'Onboarding guide', 'Style guide',
];
export const SHEET_NAMES = [
  'Budget 2024', 'Q3 Sales Report', 'Inventory', 'Headcount plan', 'OKRs Q2', 'Marketing KPIs', 'Invoice tracker', 'Timesheet_March',
  'Vendor list', 'Forecast FY25', 'Umsatzplanung', 'Planning prévisionnel', 'Pipeline review', 'Expense report', 'Pricing model v4',
  'Customer list', 'Shift schedule', 'Project tracker', 'Cap table', 'Event budget', 'Survey results', 'Commission calc',
];
export const DECK_NAMES = [
  'Quarterly Business Review', 'Pitch deck v5', 'All-hands March', 'Product roadmap 2024', 'Onboarding training', 'Board meeting',
  'Sales kickoff', 'Customer case study', 'Team offsite', 'Strategy 2025', 'Projektstatus', 'Présentation client', 'Investor update',
];
export const DESIGN_NAMES = [
  'Landing page v2', 'Logo concepts', 'Mobile app - Onboarding', 'Design System', 'Wireframes', 'Brand guidelines', 'Hero illustration',
  'poster_final_FINAL', 'Icon set', 'UI Kit', 'banner_728x90', 'Business card', 'App mockup', 'Moodboard', 'Storyboard', 'YouTube thumbnail',
  'Checkout flow', 'Dashboard redesign', 'Marketing site', 'Packaging', 'Flyer A5', 'Character sheet', 'Infographic', 'Website header',
  'Prototype - Settings', 'Illustration_03', 'product_shot', 'portrait_retouch', 'wedding_0142', 'IMG_4821',
];
export const MEETING_NAMES = [
  'Sprint planning', 'Daily Standup', 'Weekly sync', 'Design review', 'Interview - Backend Engineer', 'All hands', 'Quarterly review',
  'Customer call', 'Onboarding session', 'Retro', 'Kickoff: Project Phoenix', 'Town hall', 'Brainstorm', 'Webinar: Intro to Kubernetes',
  'Besprechung Marketing', "Réunion d'équipe", 'Reunión semanal', 'Team meeting', 'Budget review', 'Demo day', 'Office hours', 'Standup',
  'Architecture review', 'Sales pipeline sync', 'Board call', 'Candidate interview', 'Coffee chat', 'Incident postmortem',
];
export const CHANNELS = ['general', 'random', 'engineering', 'dev', 'design', 'marketing', 'support', 'announcements', 'frontend', 'backend', 'ops-alerts', 'team-berlin', 'watercooler', 'help-it', 'sales', 'product', 'incidents', 'memes', 'deployments', 'hiring'];
export const EMAIL_SUBJECTS = [
  'Re: Q3 budget review', 'Fwd: Invoice #4521', 'Meeting notes', 'Action required: verify your account', 'Out of office', 'Re: Contract draft',
  'Weekly newsletter', 'Your password was changed', 'Re: Re: lunch tomorrow?', 'Offer letter', 'Ihre Anfrage', 'Facture disponible',
  'Re: Project timeline', 'Welcome aboard!', 'Reminder: timesheet due', 'Fwd: slides from yesterday', 'Quick question',
  'Interview invitation', 'Re: Angebot', 'Pull request review requested', 'Team lunch on Friday', 'Your receipt', 'Re: feedback on draft',
];

// --- learning ----------------------------------------------------------------------------------

export const COURSES = [
  'Machine Learning Specialization', 'Introduction to Psychology', 'The Complete JavaScript Course 2024', 'Financial Markets', 'Learning How to Learn',
  "CS50's Introduction to Computer Science", 'Linear Algebra', 'Spanish for Beginners', 'Data Structures and Algorithms', 'Principles of Microeconomics',
  'Organic Chemistry I', 'Photography Masterclass', 'Deep Learning Specialization', 'AWS Certified Solutions Architect', 'Introduction to Statistics',
  'Calculus 1', 'Python for Everybody', 'Digital Marketing Fundamentals', 'Music Theory 101', 'Project Management Professional (PMP)',
  'Google Data Analytics', 'The Science of Well-Being', 'Japanese N5', 'Web Design for Beginners', 'Introduction to Philosophy',
  'Grundlagen der Programmierung', 'Analyse 1', 'Anatomy and Physiology', 'UX Design Fundamentals', 'Ethical Hacking Bootcamp',
];
export const LESSON_PARTS = [
  'Lecture 3: Gradient Descent', 'Week 2 Quiz', 'Module 4: Practice Assignment', 'Lesson 12', 'Assignment 2: Linear Regression', 'Final exam',
  'Video: Backpropagation intuition', 'Reading: Course syllabus', 'Graded Quiz', 'Lab 5', 'Unit 3 test', 'Chapter 6 exercises',
  'Peer-graded assignment', 'Section 7: Promises and async', 'Practice problems', 'Lektion 3', 'Cours 2 : les bases', 'Lecture 10 notes',
];

// --- reading -----------------------------------------------------------------------------------

export const BOOKS = [
  ['Sapiens', 'Yuval Noah Harari'], ['Dune', 'Frank Herbert'], ['Atomic Habits', 'James Clear'], ['The Pragmatic Programmer', 'Dave Thomas'],
  ['Thinking, Fast and Slow', 'Daniel Kahneman'], ['Der Process', 'Franz Kafka'], ['Cien años de soledad', 'Gabriel García Márquez'],
  ["L'Étranger", 'Albert Camus'], ['ノルウェイの森', '村上春樹'], ['Project Hail Mary', 'Andy Weir'], ['1984', 'George Orwell'],
  ['Pride and Prejudice', 'Jane Austen'], ['The Name of the Wind', 'Patrick Rothfuss'], ['Educated', 'Tara Westover'], ['Deep Work', 'Cal Newport'],
  ['Designing Data-Intensive Applications', 'Martin Kleppmann'], ['The Hobbit', 'J.R.R. Tolkien'], ['Il nome della rosa', 'Umberto Eco'],
  ['Crime and Punishment', 'Fyodor Dostoevsky'], ['The Midnight Library', 'Matt Haig'], ['Klara and the Sun', 'Kazuo Ishiguro'],
  ['The Three-Body Problem', 'Liu Cixin'], ['Moby Dick', 'Herman Melville'], ['Die Verwandlung', 'Franz Kafka'], ['Homo Deus', 'Yuval Noah Harari'],
] as const;
export const ARTICLE_TITLES = [
  'The Art of Doing Nothing', 'Why Your Brain Loves Lists', 'How I Read 100 Books a Year', 'The Quiet Power of Boredom', 'What Startups Get Wrong About Culture',
  'Understanding Consistent Hashing', 'A Gentle Introduction to Category Theory', 'The Case Against Productivity Porn', 'Notes on Stoicism',
  'Lessons From 10 Years of Remote Work', 'The Forgotten History of the Bicycle', 'How to Think About Risk', 'On Writing Well',
  'Why We Sleep (and Why It Matters)', 'The Joy of Slow Travel', 'Ten Years of Running a Small Business', 'How Memory Works',
  'Die Kunst des Weglassens', "L'art de ne rien faire", 'El arte de la paciencia', 'What I Learned From Failing', 'A Field Guide to Mushrooms',
];
export const WIKI_TOPICS = [
  'Roman Empire', 'Photosynthesis', 'Alan Turing', 'Quantum entanglement', 'French Revolution', 'Black hole', 'Marie Curie', 'Byzantine Empire',
  'Plate tectonics', 'Impressionism', 'Silk Road', 'Ada Lovelace', 'Mount Everest', 'Great Barrier Reef', 'Renaissance', 'Jazz',
  'Berliner Mauer', 'Révolution française', 'Guerra Civil Española', 'Theory of relativity', 'Octopus', 'Printing press', 'Ottoman Empire',
];

// --- entertainment -----------------------------------------------------------------------------

export const SHOWS = [
  'Stranger Things', 'The Bear', 'Breaking Bad', 'The Office', 'Squid Game', 'Dark', 'La casa de papel', 'The Crown', 'Shōgun', 'One Piece',
  'Attack on Titan', 'Jujutsu Kaisen', 'Frieren', 'Succession', 'The Last of Us', 'Severance', 'Wednesday', 'Bridgerton', 'Ted Lasso',
  'The Mandalorian', 'House of the Dragon', 'Arcane', 'Fallout', 'The Boys', 'Friends', 'Brooklyn Nine-Nine', 'Black Mirror', 'Narcos',
];
export const MOVIES = ['Dune: Part Two', 'Oppenheimer', 'Barbie', 'Inception', 'Interstellar', 'Spirited Away', 'Parasite', 'The Matrix', 'Everything Everywhere All at Once', 'Top Gun: Maverick', 'Amélie', 'Das Boot', 'Your Name', 'Poor Things', 'The Godfather'];
const VIDEO_TEMPLATES = [
  'I Built a {thing} in {n} Days', '{n} Things You Didn\'t Know About {topic}', 'How to Cook the Perfect {food}', 'Top 10 {topicPl} of {year}',
  'Funny Cats Compilation #{n}', 'lofi hip hop radio 📚 - beats to relax/study to', '{movie} | Official Trailer', 'Vlog #{n}: A Week in {city}',
  'Reacting to {topicPl}', '{team} vs {team2} | Highlights | {league}', 'ASMR {thing} sounds for sleep', 'We Tried Every {food} in {city}',
  '{topic} Explained in {n} Minutes', 'The Truth About {topic}', 'Why {topic} Is Harder Than You Think', 'Day in the Life of a {job}',
  '{n} Hours of Relaxing Rain Sounds', 'Unboxing the New {gadget}', 'My Morning Routine ({year})', 'Building a {thing} From Scratch',
  '{movie} Ending Explained', 'Live: {city} Street Cam', 'Speedrun World Record Reaction', 'Full Documentary: {topic}',
];
const VIDEO_SLOTS = {
  thing: ['Tiny House', 'Treehouse', 'Robot', 'Cabin', 'Custom Keyboard', 'Boat', 'Garden', 'LEGO City', 'Skate Ramp'],
  topic: ['the Ocean', 'Black Holes', 'Ancient Rome', 'Coffee', 'the Stock Market', 'Sleep', 'Dinosaurs', 'Japan', 'Electric Cars', 'Inflation', 'AI', 'Mars'],
  topicPl: ['Movies', 'Songs', 'Plot Twists', 'Anime Fights', 'Gadgets', 'Travel Destinations', 'Street Foods', 'Memes'],
  food: ['Steak', 'Pizza', 'Ramen', 'Croissant', 'Burger', 'Paella', 'Sourdough', 'Sushi', 'Tacos'],
  city: ['Tokyo', 'Paris', 'New York', 'Seoul', 'Berlin', 'Lisbon', 'Mexico City', 'Istanbul', 'London'],
  team: ['Real Madrid', 'Barcelona', 'Lakers', 'Celtics', 'Bayern', 'Liverpool', 'Arsenal', 'Chiefs', 'Warriors', 'PSG'],
  league: ['LaLiga', 'NBA', 'Premier League', 'Bundesliga', 'Champions League', 'NFL'],
  job: ['Software Engineer', 'Nurse', 'Chef', 'Pilot', 'Farmer', 'Firefighter'],
  gadget: ['iPhone', 'Pixel', 'Steam Deck', 'MacBook', 'Vision Pro', 'Galaxy S24'],
  movie: MOVIES,
};
export function videoTitle(r: Rng): string {
  return r.pick(VIDEO_TEMPLATES).replace(/\{(\w+)\}/g, (_, k: string) => {
    if (k === 'n') return String(r.pick([3, 5, 7, 10, 12, 24, 30, 47, 100]));
    if (k === 'year') return String(r.int(2019, 2025));
    if (k === 'team2') return r.pick(VIDEO_SLOTS.team);
    return r.pick((VIDEO_SLOTS as Record<string, readonly string[]>)[k]);
  });
}
export const NON_ENGLISH_VIDEOS = [
  '【4K】东京夜景散步', '原神 新版本 实况', '如何学习编程', '猫咪的日常', '【実況】ゼルダの伝説 part5', '料理してみた', '初音ミク オリジナル曲',
  'Cómo hacer pan casero fácil', 'Die besten Tipps für Anfänger', 'Recette facile de crêpes', 'Come fare la pasta fresca', '【作業用BGM】カフェで流れるジャズ',
  '今日のVlog｜東京散歩', 'Обзор нового смартфона', 'Melhores momentos do jogo', 'Ich habe 30 Tage nur Wasser getrunken', 'Mi rutina de mañana',
];
export const SONGS = [
  ['Taylor Swift', 'Anti-Hero'], ['Daft Punk', 'Get Lucky'], ['Radiohead', 'Karma Police'], ['Bad Bunny', 'Tití Me Preguntó'], ['BTS', 'Dynamite'],
  ['Billie Eilish', 'bad guy'], ['The Weeknd', 'Blinding Lights'], ['Rammstein', 'Du hast'], ['Stromae', 'Alors on danse'], ['Kendrick Lamar', 'HUMBLE.'],
  ['Miles Davis', 'So What'], ['Ludwig van Beethoven', 'Symphony No. 5 in C Minor, Op. 67'], ['Hans Zimmer', 'Time'], ['Arctic Monkeys', 'Do I Wanna Know?'],
  ['Adele', 'Hello'], ['ROSALÍA', 'DESPECHÁ'], ['Ed Sheeran', 'Shape of You'], ['Queen', 'Bohemian Rhapsody'], ['Dua Lipa', 'Levitating'],
  ['Nirvana', 'Smells Like Teen Spirit'], ['宇多田ヒカル', 'First Love'], ['Fleetwood Mac', 'Dreams'], ['Tame Impala', 'The Less I Know The Better'],
  ['Coldplay', 'Yellow'], ['Metallica', 'Nothing Else Matters'], ['Johann Sebastian Bach', 'Cello Suite No. 1 in G Major'], ['Frédéric Chopin', 'Nocturne Op. 9 No. 2'],
  ['ABBA', 'Dancing Queen'], ['Eminem', 'Lose Yourself'], ['Harry Styles', 'As It Was'], ['Olivia Rodrigo', 'vampire'], ['Sabrina Carpenter', 'Espresso'],
  ['Kraftwerk', 'Das Model'], ['Édith Piaf', 'La Vie en rose'], ['Beyoncé', 'TEXAS HOLD \'EM'], ['SZA', 'Kill Bill'], ['Linkin Park', 'Numb'],
  ['Pink Floyd', 'Comfortably Numb'], ['Aphex Twin', 'Avril 14th'], ['Nujabes', 'Feather'], ['Måneskin', 'Beggin\''], ['Peso Pluma', 'Ella Baila Sola'],
] as const;
export const PLAYLISTS = ['Discover Weekly', 'Release Radar', 'Daily Mix 1', 'Chill Vibes', 'Deep Focus', 'Liked Songs', 'Workout Mix', 'Lo-Fi Beats', 'Peaceful Piano', 'Top 50 - Global', 'Rock Classics', 'Jazz for Study', 'On Repeat', 'Summer 2024'];
export const GAMES = [
  'ELDEN RING', 'Cyberpunk 2077', 'Minecraft', 'League of Legends', 'Counter-Strike 2', 'Dota 2', 'Fortnite', 'Rocket League', 'Grand Theft Auto V',
  'Hades II', 'Stardew Valley', 'Factorio', "Baldur's Gate 3", 'VALORANT', 'Roblox', 'Overwatch 2', 'World of Warcraft', 'Diablo IV', 'Hearthstone',
  'PUBG: BATTLEGROUNDS', 'Apex Legends', 'Terraria', 'Hollow Knight', 'Celeste', 'Among Us', 'The Sims 4', 'The Witcher 3: Wild Hunt', 'Palworld',
  'HELLDIVERS 2', 'Destiny 2', 'EA SPORTS FC 24', 'Red Dead Redemption 2', 'Starfield', 'Cities: Skylines II', "Sid Meier's Civilization VI",
  'Europa Universalis IV', 'Hearts of Iron IV', 'Genshin Impact', 'osu!', 'Balatro', 'Lethal Company', 'Valheim', 'RimWorld', 'Slay the Spire',
  'Vampire Survivors', 'Dwarf Fortress', 'Path of Exile', 'Monster Hunter: World', 'Sekiro: Shadows Die Twice', 'Satisfactory', 'Deep Rock Galactic',
];

// --- news --------------------------------------------------------------------------------------

const EN_SUBJECTS = ['Fed', 'EU leaders', 'Apple', 'Storm Ciarán', 'Ukraine', 'Senate Republicans', 'Inflation', 'Oil prices', 'SpaceX', 'UN climate summit', 'Tesla shares', 'Heatwave', 'Prime minister', 'Police', 'Scientists', 'Supreme Court', 'Microsoft', 'China', 'Wildfires', 'Nvidia', 'Labour', 'Strikers', 'Central bank', 'NASA', 'WHO', 'Israel', 'Gaza ceasefire talks', 'Germany', 'Japan', 'Brazil'];
const EN_VERBS = ['raises rates', 'agree on new sanctions', 'warns of recession', 'fall sharply', 'surge', 'launches new rocket', 'faces backlash over', 'unveils plan to', 'delays vote on', 'investigates', 'hits record high', 'cuts forecast', 'sparks protests', 'reaches deal on', 'rejects', 'announces'];
const EN_OBJECTS = ['housing crisis', 'AI regulation', 'budget deficit', 'election results', 'energy prices', 'migration policy', 'trade tariffs', 'climate targets', 'tax reform', 'student loans', 'data privacy', 'border security', 'rail strikes', 'interest rates', 'chip exports'];
const EN_TAILS = ['', '', ' as markets tumble', ' amid growing tensions', ', officials say', ' – live updates', ': what we know so far', ' after weeks of talks', ' in latest setback', ' – analysis', ' as it happened'];
export function englishHeadline(r: Rng): string {
  if (r.chance(0.15)) return `Live: ${r.pick(EN_OBJECTS)} – latest updates`;
  return `${r.pick(EN_SUBJECTS)} ${r.pick(EN_VERBS)} ${r.pick(EN_OBJECTS)}${r.pick(EN_TAILS)}`;
}
export const DE_HEADLINES = [
  'Bundesregierung einigt sich auf Haushalt', 'Streik bei der Bahn: Was Pendler jetzt wissen müssen', 'Inflation sinkt im März überraschend deutlich',
  'Unwetter in Süddeutschland: Hunderte Einsätze', 'Bundestag beschließt Reform der Schuldenbremse', 'DAX schließt auf Rekordhoch',
  'Landtagswahl: SPD verliert deutlich', 'Neue Corona-Variante: Experten geben Entwarnung', 'Mietpreise steigen weiter', 'Hitzewelle: Deutscher Wetterdienst warnt',
  'EU-Gipfel ohne Einigung bei Migration', 'Kanzler reist nach Washington', 'Energiepreise: Verbraucher sollen entlastet werden',
];
export const FR_HEADLINES = [
  'Réforme des retraites : le gouvernement maintient le cap', 'Grève SNCF : les prévisions de trafic pour lundi', 'Élections européennes : les résultats en direct',
  "Canicule : vigilance orange dans 12 départements", "Inflation : les prix alimentaires reculent enfin", 'Le Sénat adopte le projet de loi immigration',
  "Tempête : des milliers de foyers privés d'électricité", 'Budget 2025 : ce qui va changer pour les ménages',
];
export const ES_HEADLINES = [
  'El Gobierno aprueba la subida del salario mínimo', 'La sequía obliga a restringir el agua en Cataluña', 'Elecciones generales: resultados en directo',
  'El Banco Central Europeo mantiene los tipos', 'Huelga de transporte en Madrid este lunes', 'El paro baja a su nivel más bajo desde 2008',
];
export const IT_HEADLINES = ['Manovra, il governo trova l’accordo sulle pensioni', 'Maltempo al Nord, allerta rossa in Emilia-Romagna', 'Elezioni regionali, i risultati in diretta', 'Inflazione in calo a marzo secondo l’Istat'];
export const NL_HEADLINES = ['Kabinet presenteert nieuwe plannen voor woningmarkt', 'Storm zorgt voor veel overlast in het noorden', 'Inflatie daalt verder in april', 'Tweede Kamer stemt in met klimaatwet'];
export const JA_HEADLINES = ['日銀 金融政策決定会合で利上げを決定', '台風10号 九州に接近 大雨に警戒', '衆議院選挙 与党が過半数を維持', '円相場 一時1ドル＝150円台に'];
export const TECH_HEADLINES = [
  'Apple announces M4 chips at WWDC', 'OpenAI unveils new reasoning model', 'The best laptops of 2024', 'Google faces antitrust ruling on search',
  'Microsoft to lay off 10,000 employees', 'Review: the Pixel 9 Pro is the best Android phone yet', 'Linux 6.9 released with new scheduler',
  'Meta launches Threads in Europe', 'Nvidia becomes most valuable company', 'Startup raises $200M to build fusion reactors', 'Show HN: I built a database in 500 lines',
];

// --- shopping ----------------------------------------------------------------------------------

export const PRODUCTS = [
  'Sony WH-1000XM5 Wireless Noise Canceling Headphones, Black', 'Apple AirPods Pro (2nd Generation)', 'Samsung 55" Class QLED 4K Smart TV',
  'Ninja AF101 Air Fryer, 4 Quart', 'LEGO Star Wars Millennium Falcon 75257', 'Logitech MX Master 3S Wireless Mouse', 'Nike Air Zoom Pegasus 40 Running Shoes',
  'KitchenAid Artisan Stand Mixer 5 Qt', 'Instant Pot Duo 7-in-1 Electric Pressure Cooker', 'Kindle Paperwhite (16 GB)', 'Dyson V15 Detect Cordless Vacuum',
  "Levi's 501 Original Fit Jeans", 'Anker USB C Charger 65W', 'Bosch Professional Akku-Bohrschrauber GSR 18V', 'Philips Hue White and Color Starter Kit',
  'Manduka PRO Yoga Mat 6mm', 'Stanley Quencher H2.0 Tumbler 40 oz', 'Nintendo Switch – OLED Model', 'PlayStation 5 Console – Slim',
  'Harry Potter Paperback Box Set (Books 1-7)', 'Samsung Galaxy S24 Ultra 256GB', 'Apple MacBook Air 13" M3', 'Crocs Classic Clog',
  'Le Creuset Dutch Oven 5.5 qt', 'Garmin Forerunner 265', 'Herschel Classic Backpack', 'Dell UltraSharp 27 4K Monitor U2723QE',
  'IKEA KALLAX Regal, weiß', 'Cafetière italienne 6 tasses', 'Zapatillas Adidas Samba OG', 'Canon EOS R50 Mirrorless Camera',
  'Ray-Ban Wayfarer Sunglasses', 'Brita Wasserfilter Kanne', 'Moleskine Classic Notebook, Large, Ruled', 'Seagate 2TB External Hard Drive',
  'Patagonia Better Sweater Fleece Jacket', 'Duracell AA Batteries, 24 Pack', 'Tefal Ingenio Pfannenset', 'Oral-B iO Series 9 Electric Toothbrush',
];
export const SHOP_WORDS = ['Buy', 'Shop', 'Cart', 'Checkout', 'Your Orders', 'Deals', 'Free shipping', 'Best Sellers', 'Wish List', 'Sale', 'Warenkorb', 'Panier', 'Carrito', 'Order confirmation'];

// --- finance -----------------------------------------------------------------------------------

export const BANK_PAGES = [
  'Accounts overview', 'Account summary', 'Transactions', 'Statements', 'Transfer money', 'Pay bills', 'Credit card details', 'Portfolio',
  'Log in to Online Banking', 'Sign in', 'Account activity', 'Recent transactions', 'Savings goals', 'Scheduled payments', 'Manage cards',
  'Kontoübersicht', 'Umsätze', 'Überweisung', 'Finanzstatus', 'Mes comptes', 'Virement', 'Posición global', 'Movimientos', 'Estratto conto',
];
export const TICKERS = ['AAPL', 'MSFT', 'NVDA', 'TSLA', 'AMZN', 'GOOGL', 'META', 'VWCE', 'SPY', 'QQQ', 'BTC', 'ETH', 'SAP', 'ASML', 'BRK.B'];

// --- system ------------------------------------------------------------------------------------

export const FOLDERS = ['Downloads', 'Documents', 'Desktop', 'Pictures', 'This PC', 'Home', 'Applications', 'Recents', 'Music', 'Videos', 'Screenshots', 'OneDrive - Acme', 'Projects', 'Local Disk (C:)', 'Recycle Bin', 'Bilder', 'Téléchargements', 'Dokumente'];
export const SETTINGS_PAGES = ['Bluetooth & devices', 'Display', 'Wi-Fi', 'Sound', 'Battery', 'Privacy & Security', 'Windows Update', 'Network & Internet', 'Personalization', 'Apps', 'Accounts', 'Storage', 'Notifications', 'Keyboard', 'Date & time', 'Power & battery', 'Software Update', 'General', 'Displays', 'Trackpad'];
export const SYSTEM_COMMANDS = ['htop', 'top', 'sudo apt upgrade', 'sudo pacman -Syu', 'brew upgrade', 'btop', 'neofetch', 'systemctl status bluetooth', 'df -h', 'sudo dnf update', 'nvidia-smi', 'ping 8.8.8.8', 'journalctl -xe', 'sudo reboot', 'fastfetch', 'ipconfig /all', 'chkdsk C: /f', 'sfc /scannow', 'winget upgrade --all'];
export const INSTALLERS = ['Zoom', 'Google Chrome', 'Steam', 'Python 3.12.2 (64-bit)', 'Node.js', 'VLC media player', 'Microsoft Office', 'Spotify', 'Discord', 'Visual Studio Code', 'NVIDIA Graphics Driver', '7-Zip', 'Docker Desktop', 'Adobe Acrobat Reader'];

// --- shared cross-source vocabularies (the same content shows up on many sites and apps) -------

export const MORE_SONGS = [
  ['Mitski', 'My Love Mine All Mine'], ['Bon Iver', 'Holocene'], ['Lana Del Rey', 'Summertime Sadness'], ['Frank Ocean', 'Pink + White'],
  ['Daft Punk', 'Instant Crush'], ['Massive Attack', 'Teardrop'], ['Portishead', 'Glory Box'], ['The Beatles', 'Here Comes the Sun'],
  ['David Bowie', 'Heroes'], ['Björk', 'Jóga'], ['Bad Bunny', 'Me Porto Bonito'], ['KAROL G', 'PROVENZA'], ['NewJeans', 'Super Shy'],
  ['Ado', 'うっせぇわ'], ['YOASOBI', 'アイドル'], ['Stromae', 'Papaoutai'], ['Christine and the Queens', 'Tilted'], ['AnnenMayKantereit', 'Pocahontas'],
  ['Cro', 'Einmal um die Welt'], ['Ludovico Einaudi', 'Experience'], ['Max Richter', 'On the Nature of Daylight'], ['Bill Evans', 'Waltz for Debby'],
  ['John Coltrane', 'Giant Steps'], ['Wolfgang Amadeus Mozart', 'Requiem in D Minor, K. 626'], ['Antonio Vivaldi', 'The Four Seasons: Spring'],
  ['Travis Scott', 'SICKO MODE'], ['Post Malone', 'Circles'], ['Doja Cat', 'Paint The Town Red'], ['Tyler, The Creator', 'EARFQUAKE'],
  ['Gorillaz', 'Feel Good Inc.'], ['Red Hot Chili Peppers', 'Californication'], ['Foo Fighters', 'Everlong'], ['Muse', 'Uprising'],
  ['Avicii', 'Wake Me Up'], ['Calvin Harris', 'Summer'], ['Fred again..', 'Delilah (pull me out of this)'], ['Bicep', 'Glue'], ['Khruangbin', 'Maria También'],
] as const;
export const ALL_SONGS: ReadonlyArray<readonly [string, string]> = [...SONGS, ...MORE_SONGS];
export const ALBUMS = ['Random Access Memories', 'OK Computer', 'Un Verano Sin Ti', 'After Hours', 'Midnights', 'Currents', 'Blonde', 'To Pimp a Butterfly', 'Kind of Blue', 'Rumours', 'Abbey Road', 'SOS', 'Renaissance', 'Hit Me Hard and Soft', 'GUTS', 'Night Drive', 'Ambient Works Vol. 2', 'In Rainbows'];
export const MUSIC_WORDS = ['Now Playing', 'Playlist', 'Album', 'Radio', 'Liked Songs', 'Lyrics', 'Top Tracks', 'New Releases', 'Library', 'Queue', 'Mix', 'Charts'];

export const STREAMERS = ['xQc', 'Pokimane', 'shroud', 'Ninja', 'KaiCenat', 'ibai', 'HasanAbi', 'Gronkh', 'zackrawrr', 'summit1g', 'TimTheTatman', 'Tfue', 'Amouranth', 'Trainwreckstv', 'MontanaBlack88', 'papaplatte'];
export const VIDEO_WORDS = ['Watch', 'Episode', 'Season', 'Trailer', 'Live', 'Stream', 'Movies', 'TV Shows', 'Series', 'Continue Watching', 'Documentaries', 'Full Episode', 'Watch Online', 'Streaming'];
export const MORE_SHOWS = ['The Witcher', 'Money Heist', 'Lupin', 'Reacher', 'Slow Horses', 'Only Murders in the Building', 'The White Lotus', 'Vikings', 'Peaky Blinders', 'Dexter', 'Better Call Saul', 'Sherlock', 'Doctor Who', 'Chainsaw Man', 'Demon Slayer', 'Bluey'];
export const ALL_SHOWS = [...SHOWS, ...MORE_SHOWS];

export const POSTS_ALL = [
  'What is something you wish you had known earlier?', 'My cat discovered the printer', 'TIL octopuses have three hearts', 'Finally finished my first marathon!',
  'This view from my hotel in Lisbon', 'Unpopular opinion: pineapple belongs on pizza', 'Does anyone else feel this way about Mondays?', 'Built my first PC, rate it',
  'Just got promoted!!', 'Sunset at the lake tonight', 'Hot take: meetings should be emails', 'Guess who turned 30 today', 'Excited to announce I am starting a new position',
  'Throwback to summer 2019', 'Look what I found at the flea market', 'Is it just me or is rent insane right now?', 'My grandma’s recipe for apple pie',
  'Petition to make Friday part of the weekend', 'Can we talk about that finale?', 'New tattoo, what do you think?', 'First snow of the year ❄️',
  'Thread: everything I learned from 5 years of freelancing', 'Who else is watching the game tonight?', 'Honest review of the new iPhone', 'My dog when I say "walk"',
];
export const SOCIAL_PAGES = ['Home', 'Notifications', 'Messages', 'Explore', 'Profile', 'Feed', 'Followers', 'Following', 'Friends', 'Groups', 'Trending', 'For You', 'Bookmarks', 'Saved'];

export const MORE_BOOKS = [
  ['The Great Gatsby', 'F. Scott Fitzgerald'], ['Brave New World', 'Aldous Huxley'], ['Norwegian Wood', 'Haruki Murakami'], ['The Road', 'Cormac McCarthy'],
  ['Sapiens: A Brief History of Humankind', 'Yuval Noah Harari'], ['The Alchemist', 'Paulo Coelho'], ['Der Steppenwolf', 'Hermann Hesse'], ['Les Misérables', 'Victor Hugo'],
  ['Don Quijote de la Mancha', 'Miguel de Cervantes'], ['Mistborn', 'Brandon Sanderson'], ['Fourth Wing', 'Rebecca Yarros'], ['Tomorrow, and Tomorrow, and Tomorrow', 'Gabrielle Zevin'],
  ['The Body Keeps the Score', 'Bessel van der Kolk'], ['Range', 'David Epstein'], ['Outliers', 'Malcolm Gladwell'],
] as const;
export const ALL_BOOKS: ReadonlyArray<readonly [string, string]> = [...BOOKS, ...MORE_BOOKS];
export const READING_WORDS = ['Chapter', 'Read', 'min read', 'Essay', 'Newsletter', 'Library', 'eBook', 'Reader', 'Bookshelf', 'Reading list', 'Highlights', 'Kindle Edition'];
export const MORE_ARTICLES = [
  'The Tyranny of the Marginal User', 'Falsehoods Programmers Believe About Names', 'How to Be Less Busy', 'Against Optimization', 'Why Cities Need More Trees',
  'The Loneliness Epidemic', 'On Taste', 'A Letter to My Younger Self', 'The Hidden Cost of Free', 'What the Romans Knew About Concrete', 'In Praise of Walking',
  'The Myth of the 10x Engineer', 'Notes From a Year Without Social Media', 'Learning to Love the Mess', 'Wie wir lesen', 'Pourquoi lire encore',
];
export const ALL_ARTICLES = [...ARTICLE_TITLES, ...MORE_ARTICLES];

export const GROUP_CHATS = ['Family', 'Book club', 'Dev Chat', 'Flatmates', 'Football Sunday', 'Wedding planning 💍', 'Uni friends', 'Climbing crew', 'Parents of 3B', 'Team Berlin', 'Gaming night', 'Holiday 2024 ✈️'];
export const CHAT_WORDS = ['Chats', 'Messages', 'members', 'online', 'Direct Messages', 'typing…', 'unread', 'Conversation', 'Group', 'Contacts'];

export const MORE_PRODUCTS = [
  'JBL Flip 6 Portable Bluetooth Speaker', 'Apple Watch Series 9 GPS 45mm', 'Sony Alpha 7 IV Full-frame Camera', 'Razer DeathAdder V3 Gaming Mouse',
  'Keychron K2 Wireless Mechanical Keyboard', 'Nespresso Vertuo Next Coffee Machine', 'Philips Airfryer XXL', 'De’Longhi Magnifica S Kaffeevollautomat',
  'Samsung T7 Portable SSD 1TB', 'Xiaomi Redmi Note 13 Pro', 'The North Face Nuptse Jacket', 'Birkenstock Arizona Sandals', 'Hydro Flask 32 oz Wide Mouth',
  'Lodge Cast Iron Skillet 12 inch', 'Roborock S8 Robot Vacuum', 'Fitbit Charge 6', 'Tide Pods Laundry Detergent 81 Count', 'Coleman Sundome Camping Tent',
  'Bose QuietComfort Ultra Earbuds', 'Personalized Leather Wallet', 'Handmade Ceramic Mug', 'Custom Pet Portrait', 'Minimalist Gold Necklace', 'Apple iPad Air 11-inch (M2)', 'Osprey Farpoint 40 Travel Backpack', 'Vitamix 5200 Blender', 'Weber Spirit II Gas Grill',
];
export const ALL_PRODUCTS = [...PRODUCTS, ...MORE_PRODUCTS];
export const SHOP_PAGE_WORDS = ['Add to Cart', 'Buy Now', 'Free Shipping', 'Best Price', 'In Stock', 'Sale', 'Deals', 'Checkout', 'Shopping Cart', 'Order Summary', 'Wishlist', 'Customer Reviews', 'Warenkorb', 'Panier', 'Carrito'];

export const FINANCE_WORDS = ['Online Banking', 'Account Overview', 'Balance', 'Transactions', 'Portfolio', 'Statements', 'Payments', 'Transfers', 'Savings', 'Credit Card', 'Investments', 'Budget', 'Net Worth', 'Tax Return', 'Kontostand', 'Depot'];
export const AI_WORDS = ['New chat', 'AI Assistant', 'Chat', 'GPT-4o', 'Claude 3.5 Sonnet', 'Gemini 1.5 Pro', 'Llama 3', 'Mistral Large', 'Ask anything', 'AI chat', 'Assistant', 'Prompt'];
