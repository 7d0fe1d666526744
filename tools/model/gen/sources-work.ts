import { Source, cap, mixed, native, visit, web } from './kit';
import { Rng } from './rng';
import {
  AI_WORDS, DECK_NAMES, DESIGN_NAMES, DOC_NAMES, DOC_TOPICS, JS_APIS, PACKAGES, PR_TITLES, RUST_ITEMS, SHEET_NAMES, TERMINAL_DEV_COMMANDS,
  codeFile, codePath, company, email, person, project, repo, slug, soQuestion,
} from './vocab';

const P = 'work:programming';
const D = 'work:design';
const W = 'work:writing';
const O = 'work:office';
const R = 'work:research';
const AI = 'work:ai-assistants';

const dirty = (r: Rng) => (r.chance(0.3) ? '● ' : '');
const user = (r: Rng) => r.pick(['alice', 'bob', 'dev', 'jdoe', 'lukas', 'mgarcia', 'root', 'ubuntu', 'yuki']);
const host = (r: Rng) => r.pick(['laptop', 'macbook-pro', 'devbox', 'ws-042', 'thinkpad', 'desktop-7h2k', 'fedora']);
const issueNo = (r: Rng) => r.int(2, 9999);

// --- programming -------------------------------------------------------------------------------

function jetbrains(group: string, apps: string[], product: string, count: number): Source {
  return native(group, P, count, apps, (r) =>
    r.weighted([
      [() => `${project(r)} – ${codeFile(r)}`, 4],
      [() => `${project(r)} – ${codePath(r)}`, 3],
      [() => `${project(r)} [${r.pick(['~/code', 'C:\\dev', '~/IdeaProjects', '~/work'])}/${project(r)}] – ${codePath(r)}`, 2],
      [() => `${product}`, 0.5],
      [() => `Welcome to ${product}`, 0.5],
    ] as const)(),
  );
}

function terminal(group: string, apps: string[], count: number): Source {
  return mixed(group, count, [
    [3, (r) => ({ app: r.pick(apps), title: r.pick(TERMINAL_DEV_COMMANDS), categoryId: P })],
    [2, (r) => ({ app: r.pick(apps), title: `${r.pick(['nvim', 'vim', 'hx', 'nano', 'emacs -nw'])} ${codePath(r)}`, categoryId: P })],
    [2, (r) => ({ app: r.pick(apps), title: `${user(r)}@${host(r)}: ~/${r.pick(['code', 'src', 'projects', 'work'])}/${project(r)}`, categoryId: P })],
    [1, (r) => ({ app: r.pick(apps), title: `${codeFile(r)} (~/${project(r)}) - NVIM`, categoryId: P })],
    [1.5, (r) => ({ app: r.pick(apps), title: r.pick(['htop', 'btop', 'sudo apt upgrade', 'brew upgrade', 'sudo pacman -Syu', 'df -h', 'nvidia-smi', 'systemctl status NetworkManager', 'Administrator: Windows PowerShell', 'winget upgrade --all']), categoryId: 'system' })],
  ]);
}

function docsSite(group: string, hosts: string[], count: number, title: (r: Rng) => string, path: (r: Rng) => string): Source {
  return web(group, P, count, (r) => ({ title: title(r), host: r.pick(hosts), path: path(r) }));
}

export const programming: Source[] = [
  native('vscode', P, 70, ['Code.exe', 'Code', 'Visual Studio Code', 'code'], (r) =>
    r.weighted([
      [() => `${dirty(r)}${codeFile(r)} - ${project(r)} - Visual Studio Code`, 6],
      [() => `${codeFile(r)} (Working Tree) (${codeFile(r)}) - ${project(r)} - Visual Studio Code`, 1],
      [() => `${codeFile(r)} - ${project(r)} [WSL: Ubuntu] - Visual Studio Code`, 1],
      [() => `${codeFile(r)} - ${project(r)} [SSH: ${host(r)}] - Visual Studio Code`, 1],
      [() => `Extension: ${r.pick(['Prettier - Code formatter', 'ESLint', 'Python', 'rust-analyzer', 'GitLens', 'Docker'])} - ${project(r)} - Visual Studio Code`, 0.7],
      [() => `Settings - ${project(r)} - Visual Studio Code`, 0.4],
      [() => 'Welcome - Visual Studio Code', 0.3],
    ] as const)(),
  ),
  native('cursor', P, 25, ['Cursor.exe', 'Cursor'], (r) => `${dirty(r)}${codeFile(r)} - ${project(r)} - Cursor`),
  native('vscodium', P, 12, ['VSCodium.exe', 'VSCodium', 'codium'], (r) => `${codeFile(r)} - ${project(r)} - VSCodium`),
  native('windsurf', P, 10, ['Windsurf.exe', 'Windsurf'], (r) => `${codeFile(r)} - ${project(r)} - Windsurf`),
  jetbrains('intellij', ['idea64.exe', 'IntelliJ IDEA', 'idea'], 'IntelliJ IDEA', 25),
  jetbrains('pycharm', ['pycharm64.exe', 'PyCharm', 'pycharm'], 'PyCharm', 25),
  jetbrains('webstorm', ['webstorm64.exe', 'WebStorm'], 'WebStorm', 18),
  jetbrains('goland', ['goland64.exe', 'GoLand'], 'GoLand', 14),
  jetbrains('rider', ['rider64.exe', 'Rider', 'JetBrains Rider'], 'JetBrains Rider', 14),
  jetbrains('clion', ['clion64.exe', 'CLion'], 'CLion', 12),
  jetbrains('phpstorm', ['phpstorm64.exe', 'PhpStorm'], 'PhpStorm', 10),
  jetbrains('rustrover', ['rustrover64.exe', 'RustRover'], 'RustRover', 10),
  jetbrains('android-studio', ['studio64.exe', 'Android Studio'], 'Android Studio', 15),
  native('visual-studio', P, 20, ['devenv.exe'], (r) =>
    r.pick([
      `${cap(slug(project(r)))} - Microsoft Visual Studio`,
      `${codeFile(r)} - ${cap(project(r))} (Debugging) - Microsoft Visual Studio`,
      `${cap(project(r))} (Running) - Microsoft Visual Studio`,
      `${codeFile(r)} - ${cap(project(r))} - Microsoft Visual Studio Preview`,
    ]),
  ),
  native('xcode', P, 16, ['Xcode'], (r) => r.pick([`${cap(project(r))} — ${r.pick(['ContentView', 'AppDelegate', 'Model', 'NetworkManager'])}.swift`, `${cap(project(r))} — Edited`, `${cap(project(r))}.xcodeproj`])),
  native('sublime', P, 16, ['sublime_text.exe', 'Sublime Text', 'sublime_text'], (r) =>
    r.pick([`~/${project(r)}/${codePath(r)} (${project(r)}) - Sublime Text`, `${codeFile(r)} • - Sublime Text (UNREGISTERED)`, `${codeFile(r)} - Sublime Text`]),
  ),
  native('zed', P, 12, ['Zed', 'zed'], (r) => `${project(r)} — ${codePath(r)}`),
  native('emacs', P, 12, ['emacs', 'Emacs', 'emacs.exe'], (r) => `${codeFile(r)} - GNU Emacs at ${host(r)}`),
  native('eclipse', P, 12, ['eclipse.exe', 'Eclipse'], (r) => `${r.pick(['workspace', 'eclipse-workspace'])} - ${project(r)}/src/${r.pick(['com/acme/app', 'main/java', 'org/example'])}/${r.pick(['Main', 'OrderService', 'App'])}.java - Eclipse IDE`),
  native('netbeans', P, 6, ['netbeans64.exe', 'NetBeans'], (r) => `${cap(project(r))} - Apache NetBeans IDE 21`),
  mixed('notepad++', 20, [
    [3, (r) => ({ app: 'notepad++.exe', title: `*C:\\Users\\${user(r)}\\${project(r)}\\${codeFile(r)} - Notepad++`, categoryId: P })],
    [1, (r) => ({ app: 'notepad++.exe', title: `C:\\Users\\${user(r)}\\Documents\\${r.pick(['essay', 'chapter2', 'draft_letter', 'story_ideas', 'speech'])}.txt - Notepad++`, categoryId: W })],
  ]),
  terminal('windows-terminal', ['WindowsTerminal.exe'], 30),
  terminal('iterm', ['iTerm2', 'iTerm'], 25),
  terminal('macos-terminal', ['Terminal'], 18),
  terminal('gnome-terminal', ['gnome-terminal-server', 'gnome-terminal', 'org.gnome.Terminal'], 15),
  terminal('alacritty', ['Alacritty', 'alacritty'], 10),
  terminal('kitty', ['kitty'], 10),
  terminal('wezterm', ['wezterm-gui.exe', 'WezTerm'], 8),
  terminal('warp', ['Warp', 'warp.exe'], 8),
  terminal('konsole', ['konsole'], 6),
  native('postman', P, 14, ['Postman.exe', 'Postman'], (r) => r.pick([`${r.pick(['GET', 'POST', 'PUT', 'DELETE'])} ${r.pick(['/api/users', '/v1/orders', '/auth/login', '/health'])} - ${r.pick(['My Workspace', 'Team Workspace'])}`, 'Postman', `${cap(project(r))} API - My Workspace`])),
  native('insomnia', P, 8, ['Insomnia.exe', 'Insomnia'], (r) => `${cap(project(r))} – Insomnia`),
  native('dbeaver', P, 12, ['dbeaver.exe', 'DBeaver'], (r) => `DBeaver 24.1.0 - <${r.pick(['postgres', 'prod-replica', 'localhost', 'analytics'])}> Script-${r.int(1, 20)}`),
  jetbrains('datagrip', ['datagrip64.exe', 'DataGrip'], 'DataGrip', 8),
  native('pgadmin', P, 8, ['pgAdmin 4', 'pgAdmin4.exe'], (r) => r.pick(['pgAdmin 4', `pgAdmin 4 - ${r.pick(['postgres', 'app_db'])}/postgres@localhost`])),
  native('tableplus', P, 6, ['TablePlus'], (r) => `${r.pick(['Local', 'Production', 'Staging'])} : ${r.pick(['app_db', 'users', 'orders'])}`),
  native('github-desktop', P, 10, ['GitHubDesktop.exe', 'GitHub Desktop'], () => 'GitHub Desktop'),
  native('sourcetree', P, 8, ['SourceTree.exe', 'Sourcetree'], (r) => `${project(r)} (Git)`),
  native('gitkraken', P, 8, ['gitkraken.exe', 'GitKraken'], (r) => `${project(r)} - GitKraken`),
  native('fork', P, 6, ['Fork.exe', 'Fork'], (r) => `${project(r)} – Fork`),
  native('docker-desktop', P, 10, ['Docker Desktop.exe', 'Docker Desktop'], (r) => r.pick(['Docker Desktop', 'Containers - Docker Desktop', 'Images - Docker Desktop'])),
  native('unity', P, 12, ['Unity.exe', 'Unity'], (r) => `${cap(project(r))} - ${r.pick(['SampleScene', 'MainMenu', 'Level01'])} - Windows, Mac, Linux - Unity 2022.3.10f1 <DX11>`),
  native('godot', P, 8, ['Godot_v4.2.1-stable_win64.exe', 'Godot'], (r) => `${project(r)} - ${r.pick(['main.tscn', 'player.gd', 'world.tscn'])} - Godot Engine`),
  web('github', P, 60, (r) => {
    const rp = repo(r);
    return r.weighted([
      [() => ({ title: `${rp}: ${r.pick(['A fast, minimal web framework', 'CLI for managing dotfiles', 'The Rust programming language', 'Production-grade container orchestration', 'Our main monorepo'])}`, host: 'github.com', path: `/${rp}` }), 3],
      [() => ({ title: `${r.pick(PR_TITLES)} by ${user(r)} · Pull Request #${issueNo(r)} · ${rp}`, host: 'github.com', path: `/${rp}/pull/${issueNo(r)}` }), 3],
      [() => ({ title: `${r.pick(PR_TITLES)} · Issue #${issueNo(r)} · ${rp}`, host: 'github.com', path: `/${rp}/issues/${issueNo(r)}` }), 2],
      [() => ({ title: `Pull requests · ${rp}`, host: 'github.com', path: `/${rp}/pulls` }), 1],
      [() => ({ title: `${project(r)}/${codePath(r)} at main · ${rp}`, host: 'github.com', path: `/${rp}/blob/main/${codePath(r)}` }), 2],
      [() => ({ title: `Actions · ${rp}`, host: 'github.com', path: `/${rp}/actions` }), 1],
      [() => ({ title: 'GitHub', host: 'github.com', path: '/' }), 0.5],
    ] as const)();
  }),
  web('gitlab', P, 30, (r) => {
    const g = r.pick(['platform', 'acme', 'infra', 'data-team']);
    const p = project(r);
    return r.weighted([
      [() => ({ title: `${r.pick(PR_TITLES)} (!${issueNo(r)}) · Merge requests · ${g} / ${p} · GitLab`, host: r.pick(['gitlab.com', 'gitlab.acme.io']), path: `/${g}/${p}/-/merge_requests/${issueNo(r)}` }), 3],
      [() => ({ title: `Pipeline #${r.int(10000, 999999)} · ${g} / ${p} · GitLab`, host: 'gitlab.com', path: `/${g}/${p}/-/pipelines` }), 1],
      [() => ({ title: `${codeFile(r)} · main · ${g} / ${p} · GitLab`, host: 'gitlab.com', path: `/${g}/${p}/-/blob/main` }), 1],
    ] as const)();
  }),
  web('bitbucket', P, 12, (r) => ({ title: r.pick([`${r.pick(['acme', 'team'])} / ${project(r)} — Bitbucket`, `Pull request #${issueNo(r)}: ${r.pick(PR_TITLES)} — Bitbucket`]), host: 'bitbucket.org', path: `/acme/${project(r)}` })),
  web('stackoverflow', P, 50, (r) => {
    const q = soQuestion(r);
    return { title: r.chance(0.6) ? `${r.pick(['python', 'javascript', 'reactjs', 'rust', 'git', 'docker', 'sql', 'typescript', 'java', 'c#'])} - ${q} - Stack Overflow` : `${q} - Stack Overflow`, host: 'stackoverflow.com', path: `/questions/${r.int(1000000, 79000000)}/${slug(q)}` };
  }),
  web('superuser', P, 8, (r) => ({ title: `${soQuestion(r)} - Super User`, host: 'superuser.com', path: `/questions/${r.int(10000, 1800000)}` })),
  web('serverfault', P, 8, (r) => ({ title: `${soQuestion(r)} - Server Fault`, host: 'serverfault.com', path: `/questions/${r.int(10000, 1100000)}` })),
  web('askubuntu', P, 8, (r) => ({ title: `${soQuestion(r)} - Ask Ubuntu`, host: 'askubuntu.com', path: `/questions/${r.int(10000, 1500000)}` })),
  web('unix-stackexchange', P, 8, (r) => ({ title: `${soQuestion(r)} - Unix & Linux Stack Exchange`, host: 'unix.stackexchange.com', path: `/questions/${r.int(10000, 780000)}` })),
  docsSite('mdn', ['developer.mozilla.org'], 25, (r) => r.pick([`${r.pick(JS_APIS)} - JavaScript | MDN`, `<${r.pick(['div', 'input', 'dialog', 'template', 'canvas'])}>: The ${r.pick(['Content Division', 'Input', 'Dialog', 'Content Template', 'Graphics Canvas'])} element - HTML: HyperText Markup Language | MDN`, `${r.pick(['flex', 'grid-template-columns', 'position', 'z-index'])} - CSS: Cascading Style Sheets | MDN`]), (r) => `/en-US/docs/Web/${r.pick(['JavaScript', 'HTML', 'CSS', 'API'])}/Reference`),
  docsSite('docs-rs', ['docs.rs', 'doc.rust-lang.org'], 20, (r) => r.pick([`${r.pick(RUST_ITEMS)} in std::${r.pick(['vec', 'collections', 'option', 'sync', 'path'])} - Rust`, `${r.pick(['serde', 'tokio', 'clap', 'anyhow', 'reqwest'])} - Rust`, `${r.pick(['The Rust Programming Language', 'The Cargo Book', 'Rust By Example'])}`]), (r) => `/${r.pick(['std', 'tokio', 'serde'])}/latest/`),
  docsSite('python-docs', ['docs.python.org'], 18, (r) => `${r.pick(['asyncio', 'itertools', 'collections', 'dataclasses', 'typing', 'pathlib', 'logging', 're'])} — ${r.pick(['Asynchronous I/O', 'Functions creating iterators for efficient looping', 'Container datatypes', 'Data Classes', 'Support for type hints', 'Object-oriented filesystem paths', 'Logging facility for Python', 'Regular expression operations'])} — Python 3.12.2 documentation`, () => '/3/library/'),
  docsSite('go-dev', ['pkg.go.dev', 'go.dev'], 14, (r) => r.pick([`${r.pick(['http', 'context', 'sync', 'json', 'errors'])} package - ${r.pick(['net/http', 'context', 'sync', 'encoding/json', 'errors'])} - Go Packages`, 'Effective Go - The Go Programming Language', `Tutorial: ${r.pick(['Get started with Go', 'Create a Go module', 'Getting started with generics'])} - The Go Programming Language`]), () => '/'),
  docsSite('npm', ['www.npmjs.com'], 16, (r) => `${r.pick(PACKAGES)} - npm`, (r) => `/package/${r.pick(PACKAGES)}`),
  docsSite('pypi', ['pypi.org'], 12, (r) => `${r.pick(PACKAGES)} · PyPI`, (r) => `/project/${r.pick(PACKAGES)}/`),
  docsSite('crates-io', ['crates.io'], 8, (r) => `crates.io: Rust Package Registry`, (r) => `/crates/${r.pick(['serde', 'tokio', 'rayon'])}`),
  docsSite('react-docs', ['react.dev'], 12, (r) => `${r.pick(['useEffect', 'useState', 'Thinking in React', 'Quick Start', 'Server Components', 'useMemo'])} – React`, () => '/reference/react'),
  docsSite('vue-docs', ['vuejs.org'], 8, (r) => `${r.pick(DOC_TOPICS)} | Vue.js`, () => '/guide/'),
  docsSite('nestjs-docs', ['docs.nestjs.com'], 8, () => `Documentation | NestJS - A progressive Node.js framework`, (r) => `/${r0(r)}`),
  docsSite('kubernetes-docs', ['kubernetes.io'], 12, (r) => `${r.pick(['Deployments', 'Services', 'ConfigMaps', 'Ingress', 'Pods', 'kubectl Quick Reference'])} | Kubernetes`, () => '/docs/concepts/'),
  docsSite('docker-docs', ['docs.docker.com'], 10, (r) => `${r.pick(['Dockerfile reference', 'Compose file reference', 'Multi-stage builds', 'Networking overview'])} | Docker Docs`, () => '/reference/'),
  docsSite('microsoft-learn-dev', ['learn.microsoft.com'], 14, (r) => `${r.pick(['Dependency injection in ASP.NET Core', 'LINQ overview', 'Entity Framework Core', 'Azure Functions overview', 'PowerShell scripting'])} | Microsoft Learn`, () => '/en-us/dotnet/'),
  docsSite('android-dev', ['developer.android.com'], 8, (r) => `${r.pick(['Jetpack Compose basics', 'Activity lifecycle', 'Room', 'WorkManager'])} | Android Developers`, () => '/guide/'),
  docsSite('aws-docs', ['docs.aws.amazon.com'], 10, (r) => `${r.pick(['What is Amazon S3?', 'Lambda function handler in Node.js', 'IAM policies', 'Amazon ECS task definitions'])} - ${r.pick(['Amazon Simple Storage Service', 'AWS Lambda', 'AWS Identity and Access Management', 'Amazon ECS'])}`, () => '/lambda/latest/dg/'),
  docsSite('tailwind-docs', ['tailwindcss.com'], 8, (r) => `${r.pick(['Flex', 'Grid Template Columns', 'Padding', 'Responsive Design', 'Dark Mode'])} - Tailwind CSS`, () => '/docs/'),
  docsSite('postgres-docs', ['www.postgresql.org'], 8, (r) => `PostgreSQL: Documentation: 16: ${r.pick(['CREATE INDEX', '9.16. JSON Functions and Operators', 'Chapter 14. Performance Tips', 'EXPLAIN'])}`, () => '/docs/16/'),
  docsSite('django-docs', ['docs.djangoproject.com'], 8, (r) => `${r.pick(['Models', 'Writing your first Django app, part 1', 'QuerySet API reference', 'Forms'])} | Django documentation | Django`, () => '/en/5.0/'),
  docsSite('spring-docs', ['docs.spring.io', 'spring.io'], 8, (r) => `${r.pick(['Spring Boot Reference Documentation', 'Getting Started | Building a RESTful Web Service', 'Spring Data JPA'])}`, () => '/spring-boot/'),
  docsSite('typescript-docs', ['www.typescriptlang.org'], 10, (r) => `TypeScript: Documentation - ${r.pick(['Generics', 'Narrowing', 'Utility Types', 'Modules', 'Decorators', 'Mapped Types'])}`, () => '/docs/handbook/'),
  web('localhost', P, 25, (r) => ({
    title: r.pick(['React App', 'Vite + React + TS', 'Swagger UI', `${cap(project(r))} - Dev`, 'Vite App', 'Next.js', 'Storybook', 'JupyterLab', `${r.pick(['analysis', 'EDA', 'model_training'])}.ipynb - JupyterLab`, 'GraphQL Playground', 'Grafana']),
    host: r.pick(['localhost:3000', 'localhost:5173', '127.0.0.1:8000', 'localhost:8080', 'localhost:8888', 'localhost:6006']),
    path: '/',
  })),
  web('jenkins', P, 10, (r) => ({ title: `${project(r)} #${r.int(100, 4000)} Console [Jenkins]`, host: r.pick(['jenkins.acme.io', 'ci.internal.example.com']), path: `/job/${project(r)}/` })),
  web('circleci', P, 6, (r) => ({ title: `${project(r)} - Pipelines - CircleCI`, host: 'app.circleci.com', path: '/pipelines/github/acme' })),
  web('vercel', P, 10, (r) => ({ title: `${project(r)} – Deployments – Vercel`, host: 'vercel.com', path: `/acme/${project(r)}/deployments` })),
  web('netlify', P, 6, (r) => ({ title: `Deploys | ${project(r)} | Netlify`, host: 'app.netlify.com', path: `/sites/${project(r)}/deploys` })),
  web('sentry', P, 10, (r) => ({ title: `${r.pick(['TypeError: Cannot read properties of undefined', 'ConnectionResetError', 'ZeroDivisionError'])} — ${project(r)} — Sentry`, host: r.pick(['acme.sentry.io', 'sentry.io']), path: '/issues/' })),
  web('aws-console', P, 12, (r) => ({ title: r.pick(['Instances | EC2 | eu-central-1', 'Functions - Lambda', 'S3 buckets', 'CloudWatch | eu-west-1', 'Console Home']), host: r.pick(['eu-central-1.console.aws.amazon.com', 'console.aws.amazon.com']), path: '/ec2/home' })),
  web('gcp-console', P, 6, (r) => ({ title: `${r.pick(['Cloud Run', 'Kubernetes Engine', 'BigQuery', 'Logs Explorer'])} – ${project(r)} – Google Cloud console`, host: 'console.cloud.google.com', path: '/run' })),
  web('azure-portal', P, 6, (r) => ({ title: `${r.pick(['App Services', 'Resource groups', 'Function App'])} - Microsoft Azure`, host: 'portal.azure.com', path: '/' })),
  web('leetcode', P, 14, (r) => ({ title: `${r.int(1, 3000)}. ${r.pick(['Two Sum', 'LRU Cache', 'Merge Intervals', 'Longest Palindromic Substring', 'Number of Islands', 'Trapping Rain Water'])} - LeetCode`, host: 'leetcode.com', path: '/problems/two-sum/' })),
  web('codepen', P, 8, (r) => ({ title: `${r.pick(['CSS Grid Layout', 'Animated Button', 'Pure CSS Loader', 'Untitled'])} - CodePen`, host: 'codepen.io', path: '/pen/' })),
  web('codesandbox', P, 6, (r) => ({ title: `${project(r)} - CodeSandbox`, host: 'codesandbox.io', path: '/s/' })),
  web('replit', P, 6, (r) => ({ title: `${cap(project(r))} - Replit`, host: 'replit.com', path: '/@user/' })),
  web('regex101', P, 6, () => ({ title: 'regex101: build, test, and debug regex', host: 'regex101.com', path: '/' })),
  web('hf-hub', P, 8, (r) => ({ title: `${r.pick(['meta-llama/Llama-3.1-8B', 'bert-base-uncased', 'openai/whisper-large-v3', 'sentence-transformers/all-MiniLM-L6-v2'])} · Hugging Face`, host: 'huggingface.co', path: '/models' })),
];
function r0(r: Rng): string {
  return r.pick(['providers', 'modules', 'controllers', 'techniques/database', 'microservices/basics']);
}

// --- design ------------------------------------------------------------------------------------

const dn = (r: Rng) => r.pick(DESIGN_NAMES);
const zoom = (r: Rng) => r.pick(['66.7', '100', '50', '33.3', '150', '200', '25']);
export const design: Source[] = [
  native('figma', D, 45, ['Figma.exe', 'Figma'], (r) => r.pick([`${dn(r)} – Figma`, `${dn(r)} - ${company(r)} – Figma`, 'Figma', `Drafts – Figma`, `${dn(r)}`])),
  web('figma-web', D, 30, (r) => ({ title: `${dn(r)} – Figma`, host: 'www.figma.com', path: `/design/${r.alnum(22)}/${slug(dn(r))}` })),
  native('photoshop', D, 35, ['Photoshop.exe', 'Adobe Photoshop 2024', 'Adobe Photoshop'], (r) => r.pick([`${slug(dn(r))}.psd @ ${zoom(r)}% (${r.pick(['Layer 3', 'Background', 'Hintergrund', 'Ebene 1', 'Group 2'])}, RGB/8) *`, `Adobe Photoshop 2024`, `${r.pick(['IMG_4821', 'DSC_0031', 'portrait_retouch'])}.jpg @ ${zoom(r)}% (RGB/8#)`])),
  native('illustrator', D, 25, ['Illustrator.exe', 'Adobe Illustrator 2024'], (r) => `${slug(dn(r))}.ai @ ${zoom(r)} % (${r.pick(['CMYK', 'RGB'])}/Preview)`),
  native('indesign', D, 15, ['InDesign.exe', 'Adobe InDesign 2024'], (r) => `*${slug(dn(r))}.indd @ ${zoom(r)}%`),
  native('after-effects', D, 12, ['AfterFX.exe', 'Adobe After Effects 2024'], (r) => `Adobe After Effects 2024 - ${slug(dn(r))}.aep *`),
  native('premiere', D, 15, ['Adobe Premiere Pro.exe', 'Adobe Premiere Pro 2024'], (r) => `Adobe Premiere Pro 2024 - C:\\Users\\${user(r)}\\Videos\\${slug(dn(r))}.prproj *`),
  native('lightroom', D, 12, ['Lightroom.exe', 'Adobe Lightroom Classic'], (r) => `${r.pick(['Catalog-2-v13', 'Lightroom Catalog'])} - Adobe Photoshop Lightroom Classic - ${r.pick(['Develop', 'Library'])}`),
  native('xd', D, 8, ['XD.exe', 'Adobe XD'], (r) => `${slug(dn(r))}.xd`),
  native('sketch', D, 18, ['Sketch'], (r) => r.pick([`${dn(r)} — Edited`, `${dn(r)}`, `${dn(r)}.sketch`])),
  native('affinity', D, 14, ['Affinity Designer 2.exe', 'Affinity Designer 2', 'Affinity Photo 2'], (r) => `${slug(dn(r))}.${r.pick(['afdesign', 'afphoto'])} (${zoom(r)}%)`),
  native('gimp', D, 14, ['gimp-2.10.exe', 'GIMP', 'gimp'], (r) => `[${slug(dn(r))}] (imported)-1.0 (RGB color 8-bit gamma integer, GIMP built-in sRGB, 1 layer) 1920x1080 – GIMP`),
  native('inkscape', D, 12, ['inkscape.exe', 'Inkscape', 'org.inkscape.Inkscape'], (r) => `${slug(dn(r))}.svg - Inkscape`),
  native('blender', D, 16, ['blender.exe', 'Blender', 'blender'], (r) => `Blender [${r.pick(['C:\\Users\\' + user(r) + '\\3D', '/home/' + user(r) + '/blender'])}/${slug(dn(r))}.blend]`),
  native('krita', D, 10, ['krita.exe', 'Krita'], (r) => `${slug(dn(r))}.kra  [modified] - Krita`),
  native('davinci', D, 12, ['Resolve.exe', 'DaVinci Resolve'], (r) => `DaVinci Resolve - ${cap(slug(dn(r)))}`),
  native('cinema4d', D, 6, ['Cinema 4D.exe', 'Cinema 4D'], (r) => `Cinema 4D 2024 - [${slug(dn(r))}.c4d]`),
  native('procreate-dreams', D, 4, ['Pixelmator Pro'], (r) => `${dn(r)}.pxd`),
  web('canva', D, 30, (r) => ({ title: `${dn(r)} - ${r.pick(['Instagram Post', 'Presentation (16:9)', 'Logo', 'Poster', 'YouTube Thumbnail', 'Flyer'])} - Canva`, host: 'www.canva.com', path: `/design/${r.alnum(11)}/edit` })),
  web('framer', D, 10, (r) => ({ title: `${dn(r)} – Framer`, host: 'framer.com', path: '/projects/' })),
  web('penpot', D, 6, (r) => ({ title: `${dn(r)} - Penpot`, host: 'design.penpot.app', path: '/' })),
  web('dribbble', D, 14, (r) => ({ title: `${dn(r)} by ${person(r)} on Dribbble`, host: 'dribbble.com', path: `/shots/${r.int(10000000, 24000000)}` })),
  web('behance', D, 12, (r) => ({ title: `${dn(r)} :: Behance`, host: 'www.behance.net', path: `/gallery/${r.int(100000000, 199999999)}/` })),
  web('coolors', D, 6, () => ({ title: 'Coolors - The super fast color palettes generator!', host: 'coolors.co', path: '/generate' })),
  web('google-fonts', D, 8, (r) => ({ title: r.pick(['Browse Fonts - Google Fonts', `${r.pick(['Inter', 'Roboto', 'Playfair Display', 'Poppins'])} - Google Fonts`]), host: 'fonts.google.com', path: '/' })),
  web('noun-project', D, 6, (r) => ({ title: `${r.pick(['Arrow', 'Home', 'User', 'Cloud'])} Icons - Free SVG & PNG Images - Noun Project`, host: 'thenounproject.com', path: '/browse/icons/term/' })),
  web('unsplash', D, 8, (r) => ({ title: `${r.pick(['Mountain landscape', 'Coffee cup on table', 'City skyline at night', 'Abstract texture'])} photo – Free Image on Unsplash`, host: 'unsplash.com', path: `/photos/${r.alnum(11)}` })),
  web('adobe-color', D, 4, () => ({ title: 'Color wheel, a color palette generator | Adobe Color', host: 'color.adobe.com', path: '/create/color-wheel' })),
  web('spline', D, 4, (r) => ({ title: `${dn(r)} - Spline`, host: 'app.spline.design', path: '/file/' })),
];

// --- writing -----------------------------------------------------------------------------------

const doc = (r: Rng) => r.pick(DOC_NAMES);
export const writing: Source[] = [
  native('word', W, 50, ['WINWORD.EXE', 'Microsoft Word', 'winword.exe'], (r) => r.pick([`${doc(r)}.docx - Word`, `${doc(r)} - Word`, `${doc(r)} - Compatibility Mode - Word`, 'Document1 - Word', `${doc(r)}.docx  -  Protected View - Word`, `${doc(r)}.docx - Microsoft Word`])),
  web('google-docs', W, 45, (r) => ({ title: `${doc(r)} - Google Docs`, host: 'docs.google.com', path: `/document/d/${r.alnum(44)}/edit` })),
  native('pages', W, 14, ['Pages'], (r) => `${doc(r)}.${r.pick(['pages', 'pages', 'docx'])}`),
  native('libreoffice-writer', W, 14, ['soffice.bin', 'LibreOffice Writer', 'swriter.exe'], (r) => `${slug(doc(r))}.${r.pick(['odt', 'odt', 'docx', 'rtf'])} - LibreOffice Writer`),
  native('wps-writer', W, 8, ['wps.exe', 'WPS Writer'], (r) => `${doc(r)}.${r.pick(['docx', 'doc', 'wps'])} - WPS Office`),
  native('obsidian', W, 30, ['Obsidian.exe', 'Obsidian', 'obsidian'], (r) => `${r.pick([doc(r), 'Daily note 2024-03-12', 'Reading list', 'Ideas', 'Book notes - Deep Work'])} - ${r.pick(['Vault', 'Notes', 'Zettelkasten', 'Second Brain'])} - Obsidian v1.5.${r.int(3, 12)}`),
  mixed('notion', 35, [
    [3, (r) => ({ app: r.pick(['Notion.exe', 'Notion']), title: r.pick([doc(r), `${doc(r)} | Notion`, 'Journal', 'Blog drafts', 'Writing: Chapter 3']), categoryId: W })],
    [2, (r) => ({ ...visit(r, { title: `${doc(r)} | Notion`, host: 'www.notion.so', path: `/${slug(doc(r))}-${r.hex(32)}` }), categoryId: W })],
    [1, (r) => ({ app: r.pick(['Notion.exe', 'Notion']), title: r.pick(['Team Tasks', 'Roadmap Q3', 'Sprint board', 'OKRs']), categoryId: O })],
  ]),
  native('scrivener', W, 14, ['Scrivener.exe', 'Scrivener'], (r) => `${r.pick(['My Novel', 'Thesis', 'The Lighthouse', 'Memoir'])} - ${r.pick(['Draft', 'Chapter 3', 'Scene 12', 'Research'])}`),
  native('ulysses', W, 8, ['Ulysses'], () => 'Ulysses'),
  native('ia-writer', W, 10, ['iA Writer', 'iAWriter.exe'], (r) => `${doc(r)}.md`),
  native('typora', W, 10, ['Typora.exe', 'Typora'], (r) => `${slug(doc(r))}.md• - Typora`),
  native('bear', W, 8, ['Bear'], (r) => `${doc(r)}`),
  native('evernote', W, 14, ['Evernote.exe', 'Evernote'], (r) => `${doc(r)} - Evernote`),
  native('onenote', W, 14, ['ONENOTE.EXE', 'OneNote', 'OneNote for Windows 10'], (r) => `${doc(r)} - OneNote`),
  native('apple-notes', W, 8, ['Notes'], () => 'Notes'),
  native('joplin', W, 6, ['Joplin.exe', 'Joplin'], () => 'Joplin'),
  native('logseq', W, 6, ['Logseq.exe', 'Logseq'], (r) => `${r.pick(['Journals', doc(r)])} - Logseq`),
  native('textedit', W, 8, ['TextEdit'], (r) => `${slug(doc(r))}.rtf — Edited`),
  native('notepad', W, 12, ['notepad.exe', 'Notepad'], (r) => `${r.pick(['notes', 'draft', 'todo', 'letter', 'ideas', 'story'])}.txt - Notepad`),
  web('overleaf', W, 20, (r) => ({ title: `${r.pick(['Master Thesis', 'Paper draft - NeurIPS', 'CV', 'Bachelorarbeit', 'Lab report'])} - Online LaTeX Editor Overleaf`, host: 'www.overleaf.com', path: `/project/${r.hex(24)}` })),
  web('grammarly', W, 10, (r) => ({ title: `${doc(r)} - Grammarly`, host: 'app.grammarly.com', path: '/ddocs/' })),
  web('wordpress-editor', W, 14, (r) => ({ title: `Edit Post “${r.pick(['Why we moved to Rust', 'Our 2024 in review', 'Ten lessons from a year of freelancing'])}” ‹ ${r.pick(['My Blog', 'Acme Blog', 'Notes from the road'])} — WordPress`, host: r.pick(['myblog.com', 'acme.blog', 'wordpress.com']), path: '/wp-admin/post.php' })),
  web('ghost-editor', W, 6, (r) => ({ title: `Editor - ${r.pick(['The Weekly', 'Field Notes'])}`, host: r.pick(['weekly.ghost.io', 'fieldnotes.ghost.io']), path: '/ghost/#/editor/post' })),
  web('substack-editor', W, 6, () => ({ title: 'Editing draft - Substack', host: 'substack.com', path: '/publish/post/' })),
  web('hemingway', W, 5, () => ({ title: 'Hemingway Editor', host: 'hemingwayapp.com', path: '/' })),
  web('dropbox-paper', W, 6, (r) => ({ title: `${doc(r)} - Dropbox Paper`, host: 'paper.dropbox.com', path: '/doc/' })),
  web('zoho-writer', W, 5, (r) => ({ title: `${doc(r)} - Zoho Writer`, host: 'writer.zoho.com', path: '/writer/' })),
  web('word-online', W, 14, (r) => ({ title: `${doc(r)}.docx`, host: r.pick(['acme-my.sharepoint.com', 'onedrive.live.com']), path: '/:w:/r/personal/' }), 0.9),
];

// --- office ------------------------------------------------------------------------------------

const sheet = (r: Rng) => r.pick(SHEET_NAMES);
const deck = (r: Rng) => r.pick(DECK_NAMES);
const key = (r: Rng) => r.pick(['PROJ', 'OPS', 'MKT', 'ENG', 'SALES', 'HR', 'WEB']);
const task = (r: Rng) => r.pick(['Update onboarding checklist', 'Prepare Q3 report', 'Review vendor contracts', 'Plan offsite agenda', 'Fix broken link on pricing page', 'Collect feedback from customers', 'Hire 2 sales reps', 'Renew software licenses', 'Draft campaign brief', 'Organize team event']);
export const office: Source[] = [
  native('excel', O, 50, ['EXCEL.EXE', 'Microsoft Excel', 'excel.exe'], (r) => r.pick([`${sheet(r)}.xlsx - Excel`, `${sheet(r)} - Excel`, `${sheet(r)}.csv - Excel`, 'Book1 - Excel', `${sheet(r)}.xlsx  -  AutoRecovered - Excel`])),
  web('google-sheets', O, 40, (r) => ({ title: `${sheet(r)} - Google Sheets`, host: 'docs.google.com', path: `/spreadsheets/d/${r.alnum(44)}/edit` })),
  native('powerpoint', O, 35, ['POWERPNT.EXE', 'Microsoft PowerPoint'], (r) => r.pick([`${deck(r)}.pptx - PowerPoint`, `${deck(r)} - PowerPoint`, `PowerPoint Slide Show - [${deck(r)}.pptx]`])),
  web('google-slides', O, 25, (r) => ({ title: `${deck(r)} - Google Slides`, host: 'docs.google.com', path: `/presentation/d/${r.alnum(44)}/edit` })),
  native('keynote', O, 12, ['Keynote'], (r) => `${deck(r)}.${r.pick(['key', 'key', 'pptx'])}`),
  native('numbers', O, 10, ['Numbers'], (r) => `${sheet(r)}.${r.pick(['numbers', 'numbers', 'xlsx', 'csv'])}`),
  native('libreoffice-calc', O, 12, ['soffice.bin', 'LibreOffice Calc', 'scalc.exe'], (r) => `${slug(sheet(r))}.${r.pick(['ods', 'xlsx', 'csv'])} - LibreOffice Calc`),
  native('libreoffice-impress', O, 6, ['LibreOffice Impress', 'simpress.exe'], (r) => `${slug(deck(r))}.${r.pick(['odp', 'pptx'])} - LibreOffice Impress`),
  native('wps-office', O, 10, ['et.exe', 'wpp.exe', 'WPS Spreadsheets', 'WPS Presentation'], (r) => r.pick([`${sheet(r)}.${r.pick(['xlsx', 'et', 'csv'])} - WPS Spreadsheets`, `${deck(r)}.pptx - WPS Presentation`])),
  native('onlyoffice', O, 8, ['DesktopEditors.exe', 'ONLYOFFICE'], (r) => r.pick([`${sheet(r)}.xlsx - ONLYOFFICE`, `${deck(r)}.pptx - ONLYOFFICE`])),
  web('jira', O, 35, (r) => {
    const k = key(r);
    const n = r.int(10, 4000);
    return { title: r.pick([`[${k}-${n}] ${task(r)} - Jira`, `${r.pick(['Sprint 42', 'Kanban board', 'Backlog'])} - ${k} - Jira`, `${k}-${n}: ${task(r)}`]), host: r.pick(['acme.atlassian.net', 'jira.company.de']), path: `/browse/${k}-${n}` };
  }),
  web('confluence', O, 25, (r) => ({ title: `${r.pick(['Team onboarding', 'Meeting notes 2024-03-12', 'Runbook: database failover', 'Q3 planning', 'Travel policy', 'How we work'])} - ${r.pick(['Engineering', 'HR', 'Marketing', 'Product'])} - Confluence`, host: 'acme.atlassian.net', path: '/wiki/spaces/ENG/pages/' })),
  web('asana', O, 20, (r) => ({ title: `${task(r)} - ${r.pick(['Marketing Q3', 'Website relaunch', 'Hiring', 'Events'])} - Asana`, host: 'app.asana.com', path: `/0/${r.digits(16)}/list` })),
  web('trello', O, 18, (r) => ({ title: `${r.pick(['Product Roadmap', 'Content Calendar', 'Team Tasks', 'Moving house', 'Wedding planning'])} | Trello`, host: 'trello.com', path: `/b/${r.alnum(8)}/` })),
  mixed('linear', 14, [
    [1, (r) => ({ ...visit(r, { title: `${key(r)}-${r.int(10, 999)} ${task(r)}`, host: 'linear.app', path: '/acme/issue/' }), categoryId: O })],
    [1, (r) => ({ app: r.pick(['Linear.exe', 'Linear']), title: `${r.pick(['My issues', 'Active cycle', 'Triage', 'Roadmap'])} › ${r.pick(['Acme', 'Web'])}`, categoryId: O })],
  ]),
  web('monday', O, 12, (r) => ({ title: `${r.pick(['Marketing plan', 'Client projects', 'Team tasks'])} - monday.com`, host: 'acme.monday.com', path: '/boards/' })),
  web('clickup', O, 10, (r) => ({ title: `${task(r)} | ClickUp`, host: 'app.clickup.com', path: '/t/' })),
  web('airtable', O, 12, (r) => ({ title: `${r.pick(['Content calendar', 'CRM', 'Inventory', 'Applicants'])}: ${r.pick(['Grid view', 'Kanban', 'All records'])} - Airtable`, host: 'airtable.com', path: `/app${r.alnum(14)}/` })),
  web('smartsheet', O, 6, (r) => ({ title: `${sheet(r)} | Smartsheet`, host: 'app.smartsheet.com', path: '/sheets/' })),
  web('sharepoint', O, 14, (r) => ({ title: r.pick([`${r.pick(['HR Portal', 'Intranet', 'Finance Team', 'Project Phoenix'])} - Home`, `Documents - ${r.pick(['Finance Team', 'Marketing'])} - All Documents`]), host: 'acme.sharepoint.com', path: '/sites/' })),
  web('onedrive', O, 10, () => ({ title: 'My files - OneDrive', host: 'onedrive.live.com', path: '/' })),
  web('google-drive', O, 16, (r) => ({ title: r.pick(['My Drive - Google Drive', 'Shared with me - Google Drive', `${r.pick(['Q3 reports', 'Contracts', 'Team shared'])} - Google Drive`]), host: 'drive.google.com', path: '/drive/my-drive' })),
  native('dropbox', O, 8, ['Dropbox.exe', 'Dropbox'], () => 'Dropbox'),
  web('salesforce', O, 16, (r) => ({ title: `${company(r)} | ${r.pick(['Account', 'Opportunity', 'Lead', 'Contact'])} | Salesforce`, host: 'acme.lightning.force.com', path: '/lightning/r/Account/' })),
  web('hubspot', O, 12, (r) => ({ title: `${r.pick(['Contacts', 'Deals', 'Companies', 'Marketing Email'])} | HubSpot`, host: 'app.hubspot.com', path: '/contacts/' })),
  web('workday', O, 8, (r) => ({ title: r.pick(['Workday - Home', 'Time Off - Workday', 'Expenses - Workday']), host: 'wd3.myworkday.com', path: '/acme/d/home.htmld' })),
  web('docusign', O, 8, (r) => ({ title: r.pick(['DocuSign', `Please DocuSign: ${r.pick(['NDA', 'Offer Letter', 'Master Services Agreement'])}.pdf`]), host: 'app.docusign.com', path: '/documents' })),
  web('zendesk', O, 12, (r) => ({ title: `Ticket #${r.int(1000, 99999)}: ${r.pick(['Cannot log in', 'Refund request', 'Invoice missing', 'Feature question'])} – Agent`, host: 'acme.zendesk.com', path: '/agent/tickets/' })),
  web('miro', O, 14, (r) => ({ title: `${r.pick(['Retro board', 'User journey map', 'Brainstorming', 'Org chart', 'Q3 planning'])} - Miro`, host: 'miro.com', path: `/app/board/${r.alnum(12)}=/` })),
  web('google-calendar', O, 18, (r) => ({ title: r.pick([`Google Calendar - Week of ${r.pick(['March', 'April', 'June', 'October'])} ${r.int(1, 28)}, 2024`, 'Google Calendar - Monday, 11 March 2024', 'Calendar']), host: 'calendar.google.com', path: '/calendar/u/0/r/week' })),
  native('ms-project', O, 6, ['WINPROJ.EXE'], (r) => `${r.pick(['Office move', 'ERP rollout', 'Website relaunch'])}.mpp - Project`),
  native('xmind', O, 6, ['XMind.exe', 'Xmind'], (r) => `${r.pick(['Q3 goals', 'Project plan', 'Brainstorm'])}.xmind - Xmind`),
  web('expensify', O, 6, () => ({ title: 'Expenses - Expensify', host: 'www.expensify.com', path: '/expenses' })),
  web('calendly', O, 6, () => ({ title: 'Event Types - Calendly', host: 'calendly.com', path: '/event_types/user/me' })),
  web('odoo', O, 6, (r) => ({ title: `${r.pick(['Sales Orders', 'Inventory Overview', 'Invoices'])} - Odoo`, host: 'acme.odoo.com', path: '/web' })),
];

// --- research ----------------------------------------------------------------------------------

const PAPER_HEADS = ['Efficient Transformers for', 'A Survey of', 'Scaling Laws for', 'Contrastive Learning of', 'On the Robustness of', 'Graph Neural Networks for', 'Towards Interpretable', 'Self-Supervised Learning of', 'A Randomized Controlled Trial of', 'The Effect of', 'Deep Reinforcement Learning for', 'Bayesian Inference for', 'Measuring'];
const PAPER_TAILS = ['Long-Document Summarization', 'Drug Discovery', 'Protein Structure Prediction', 'Climate Models', 'Sleep on Memory Consolidation', 'Visual Representations', 'Language Model Alignment', 'Urban Heat Islands', 'Microbiome Diversity in Infants', 'Quantum Error Correction', 'Remote Work on Productivity', 'Soil Carbon Sequestration', 'Large Language Models', 'Wealth Inequality in Europe'];
const paper = (r: Rng) => `${r.pick(PAPER_HEADS)} ${r.pick(PAPER_TAILS)}`;
const QUERIES = ['transformer attention mechanism survey', 'effect of sleep on memory consolidation', 'crispr off-target effects', 'meta analysis intermittent fasting', 'ocean acidification coral reefs', 'causal inference difference in differences', 'protein folding alphafold accuracy', 'mindfulness intervention anxiety rct', 'graphene battery anode', 'inflation expectations survey data', 'long covid prevalence', 'reinforcement learning from human feedback', 'Klimawandel Auswirkungen Landwirtschaft', 'dark matter detection experiments'];
const query = (r: Rng) => r.pick(QUERIES);
export const research: Source[] = [
  web('google-scholar', R, 35, (r) => ({ title: r.pick([`${query(r)} - Google Scholar`, 'Google Scholar', `${person(r)} - Google Scholar`]), host: 'scholar.google.com', path: `/scholar?q=${encodeURIComponent(query(r))}` })),
  web('arxiv', R, 35, (r) => ({ title: r.pick([`[${r.int(2001, 2412)}.${r.digits(5)}] ${paper(r)}`, `arXiv:${r.int(2001, 2412)}.${r.digits(5)} ${paper(r)}`, `${r.pick(['cs.LG', 'cs.CL', 'astro-ph', 'q-bio'])} new submissions`]), host: 'arxiv.org', path: `/abs/${r.int(2001, 2412)}.${r.digits(5)}` })),
  web('pubmed', R, 22, (r) => ({ title: `${paper(r)} - PubMed`, host: 'pubmed.ncbi.nlm.nih.gov', path: `/${r.digits(8)}/` })),
  web('semantic-scholar', R, 14, (r) => ({ title: `${paper(r)} | Semantic Scholar`, host: 'www.semanticscholar.org', path: `/paper/${r.hex(40)}` })),
  web('researchgate', R, 14, (r) => ({ title: `(PDF) ${paper(r)}`, host: 'www.researchgate.net', path: '/publication/' })),
  web('jstor', R, 10, (r) => ({ title: `${paper(r)} on JSTOR`, host: 'www.jstor.org', path: `/stable/${r.digits(8)}` })),
  web('sciencedirect', R, 14, (r) => ({ title: `${paper(r)} - ScienceDirect`, host: 'www.sciencedirect.com', path: '/science/article/pii/' })),
  web('springer', R, 12, (r) => ({ title: `${paper(r)} | SpringerLink`, host: 'link.springer.com', path: '/article/' })),
  web('ieee', R, 12, (r) => ({ title: `${paper(r)} | IEEE Conference Publication | IEEE Xplore`, host: 'ieeexplore.ieee.org', path: `/document/${r.digits(8)}` })),
  web('acm-dl', R, 8, (r) => ({ title: `${paper(r)} | Proceedings of the ${r.pick(['2023', '2024'])} ACM Conference`, host: 'dl.acm.org', path: '/doi/10.1145/' })),
  web('nature', R, 12, (r) => ({ title: `${paper(r)} | Nature ${r.pick(['', 'Communications', 'Medicine'])}`.trim(), host: 'www.nature.com', path: '/articles/' })),
  web('biorxiv', R, 8, (r) => ({ title: `${paper(r)} | bioRxiv`, host: 'www.biorxiv.org', path: '/content/10.1101/' })),
  web('ssrn', R, 6, (r) => ({ title: `${paper(r)} by ${person(r)} :: SSRN`, host: 'papers.ssrn.com', path: '/sol3/papers.cfm' })),
  web('papers-with-code', R, 8, (r) => ({ title: `${paper(r)} | Papers With Code`, host: 'paperswithcode.com', path: '/paper/' })),
  web('connected-papers', R, 5, (r) => ({ title: `${paper(r)} | Connected Papers`, host: 'www.connectedpapers.com', path: '/main/' })),
  native('zotero', R, 18, ['zotero.exe', 'Zotero'], (r) => r.pick(['My Library - Zotero', `${paper(r)} - Zotero`, 'Zotero'])),
  native('mendeley', R, 10, ['Mendeley Reference Manager.exe', 'Mendeley Reference Manager'], () => 'Mendeley Reference Manager'),
  mixed('acrobat', 40, [
    [3, (r) => ({ app: r.pick(['Acrobat.exe', 'AcroRd32.exe', 'Adobe Acrobat Reader']), title: `${person(r).split(' ')[1]} et al. - ${r.int(2015, 2024)} - ${paper(r)}.pdf - Adobe Acrobat Reader (64-bit)`, categoryId: R })],
    [2, (r) => ({ app: r.pick(['Acrobat.exe', 'AcroRd32.exe']), title: `${r.pick(['Contract', 'NDA', 'Angebot', 'Invoice_2024_03', 'Purchase_Order', 'Timesheet'])}_${company(r).replace(/ /g, '_')}.pdf - Adobe Acrobat Pro`, categoryId: O })],
    [1, (r) => ({ app: r.pick(['Acrobat.exe', 'AcroRd32.exe']), title: `${r.pick(['Statement', 'Kontoauszug', 'Tax_Return_2023', 'Payslip_March'])}_${r.int(2023, 2024)}.pdf - Adobe Acrobat Reader`, categoryId: 'personal:finance' })],
  ]),
  native('stata', R, 8, ['StataSE-64.exe', 'Stata/SE 18.0'], (r) => `Stata/SE 18.0 - ${r.pick(['survey_wave3', 'panel_clean', 'census2020'])}.dta`),
  native('spss', R, 8, ['stats.exe', 'IBM SPSS Statistics'], (r) => `${r.pick(['survey_data', 'experiment1'])}.sav [DataSet1] - IBM SPSS Statistics Data Editor`),
  native('nvivo', R, 5, ['NVivo.exe', 'NVivo'], (r) => `${r.pick(['Interviews', 'Focus groups'])}.nvpx - NVivo`),
  native('rstudio', R, 14, ['rstudio.exe', 'RStudio'], (r) => `${r.pick(['analysis', 'regression_models', 'survey_cleaning', 'plots'])}.R - ${r.pick(['thesis', 'paper2', 'lab-data'])} - RStudio`),
  web('google-search', R, 45, (r) => {
    const q = r.chance(0.5) ? query(r) : r.pick(['average rainfall berlin 2023', 'gdp per capita germany vs france', 'how do vaccines work', 'population of tokyo', 'history of the printing press', 'wie funktioniert photosynthese', 'best sources on roman history']);
    return { title: `${q} - Google Search`, host: r.pick(['www.google.com', 'www.google.de', 'www.google.co.uk']), path: `/search?q=${encodeURIComponent(q)}` };
  }),
  web('bing', R, 14, (r) => ({ title: `${query(r)} - Search`, host: 'www.bing.com', path: `/search?q=${encodeURIComponent(query(r))}` })),
  web('duckduckgo', R, 14, (r) => ({ title: `${query(r)} at DuckDuckGo`, host: 'duckduckgo.com', path: `/?q=${encodeURIComponent(query(r))}` })),
  web('ecosia', R, 6, (r) => ({ title: `${query(r)} - Ecosia`, host: 'www.ecosia.org', path: '/search' })),
  web('wolfram-alpha', R, 8, (r) => ({ title: `${r.pick(['integrate x^2 sin x', 'distance earth mars', 'GDP of Brazil'])} - Wolfram|Alpha`, host: 'www.wolframalpha.com', path: '/input' })),
  web('statista', R, 8, (r) => ({ title: `${r.pick(['Smartphone users worldwide 2024', 'E-commerce revenue in Germany', 'Global CO2 emissions by country'])} | Statista`, host: 'www.statista.com', path: '/statistics/' })),
  web('our-world-in-data', R, 6, (r) => ({ title: `${r.pick(['CO₂ emissions', 'Life expectancy', 'Literacy rate'])} - Our World in Data`, host: 'ourworldindata.org', path: '/co2-emissions' })),
  web('kaggle', R, 8, (r) => ({ title: `${r.pick(['Titanic - Machine Learning from Disaster', 'House Prices Dataset', 'COVID-19 Open Research Dataset'])} | Kaggle`, host: 'www.kaggle.com', path: '/datasets/' })),
];

// --- AI assistants ----------------------------------------------------------------------------

const CONVERSATIONS = [
  'Summarize meeting notes', 'Python script to rename files', 'Explain quantum entanglement', 'Email draft to landlord', 'Recipe ideas with chickpeas',
  'Debugging React useEffect loop', 'Translate contract to German', 'Trip itinerary Lisbon', 'Brainstorm startup names', 'SQL query optimization',
  'Cover letter feedback', 'New chat', 'Nouvelle discussion', 'Neuer Chat', 'Regex for email validation', 'Birthday poem for mom', 'Marketing slogan ideas',
  'Explain Kubernetes like I am five', 'Workout plan for beginners', 'Help with calculus homework', 'Rewrite this paragraph', 'Compare two laptops',
];
const convo = (r: Rng) => r.pick(CONVERSATIONS);
const aw = (r: Rng) => r.pick(AI_WORDS);
/** Chat-assistant title: a conversation, sometimes with a model name or a generic assistant word. */
const aiTitle = (r: Rng, brand: string) => r.weighted([
  [() => `${convo(r)} - ${brand}`, 3],
  [() => `${brand} - ${aw(r)}`, 1.5],
  [() => `${aw(r)} | ${brand}`, 1],
  [() => brand, 1],
] as const)();
export const aiAssistants: Source[] = [
  web('chatgpt', AI, 55, (r) => ({ title: r.pick(['ChatGPT', convo(r), `${convo(r)} | ChatGPT`, 'ChatGPT - New chat']), host: r.pick(['chatgpt.com', 'chat.openai.com']), path: r.pick(['/', `/c/${r.hex(8)}-${r.hex(4)}-${r.hex(4)}`]) })),
  native('chatgpt-app', AI, 20, ['ChatGPT.exe', 'ChatGPT'], (r) => r.pick(['ChatGPT', convo(r)])),
  web('claude', AI, 35, (r) => ({ title: r.pick([`${convo(r)} - Claude`, 'Claude', 'New chat - Claude']), host: 'claude.ai', path: `/chat/${r.hex(8)}-${r.hex(4)}` })),
  native('claude-app', AI, 12, ['Claude.exe', 'Claude'], (r) => r.pick(['Claude', `${convo(r)} - Claude`])),
  web('gemini', AI, 25, (r) => ({ title: r.pick(['Gemini', `Gemini - ${convo(r)}`, '\u200eGoogle Gemini', aiTitle(r, 'Gemini')]), host: 'gemini.google.com', path: `/app/${r.hex(16)}` })),
  web('copilot', AI, 18, (r) => ({ title: r.pick(['Microsoft Copilot: Your AI companion', aiTitle(r, 'Copilot')]), host: 'copilot.microsoft.com', path: '/' })),
  web('perplexity', AI, 18, (r) => ({ title: `${r.pick([convo(r), 'what is the capital of australia', 'best budget mechanical keyboard'])} - Perplexity`, host: 'www.perplexity.ai', path: `/search/${r.alnum(20)}` })),
  web('mistral', AI, 10, (r) => ({ title: r.pick(['Le Chat - Mistral AI', `${convo(r)} | Le Chat`]), host: 'chat.mistral.ai', path: '/chat' })),
  web('poe', AI, 8, (r) => ({ title: r.pick([`${r.pick(['Assistant', 'GPT-4o', 'Claude-3.5-Sonnet', 'Gemini-1.5-Pro'])} - Poe`, aiTitle(r, 'Poe')]), host: 'poe.com', path: '/chat/' })),
  web('deepseek', AI, 10, (r) => ({ title: r.pick(['DeepSeek - Into the Unknown', aiTitle(r, 'DeepSeek')]), host: 'chat.deepseek.com', path: '/a/chat/s/' })),
  web('huggingchat', AI, 6, (r) => ({ title: aiTitle(r, 'HuggingChat'), host: 'huggingface.co', path: '/chat/' })),
  web('phind', AI, 6, (r) => ({ title: `${r.pick(['how to reverse a linked list', 'docker compose healthcheck'])} - Phind`, host: 'www.phind.com', path: '/search' })),
  web('notebooklm', AI, 6, (r) => ({ title: `${r.pick(['Thesis sources', 'Untitled notebook', 'Course notes'])} - NotebookLM`, host: 'notebooklm.google.com', path: '/notebook/' })),
  web('grok', AI, 6, (r) => ({ title: r.pick(['Grok', `${convo(r)} | Grok`]), host: 'grok.com', path: '/chat/' })),
  web('meta-ai', AI, 5, (r) => ({ title: aiTitle(r, 'Meta AI'), host: 'www.meta.ai', path: '/' })),
  web('open-webui', AI, 6, (r) => ({ title: r.pick(['Open WebUI', `${convo(r)} | Open WebUI`]), host: r.pick(['localhost:3000', 'chat.home.lan']), path: '/c/' })),
  native('lm-studio', AI, 6, ['LM Studio.exe', 'LM Studio'], (r) => r.pick(['LM Studio', `LM Studio - ${r.pick(['llama-3.1-8b-instruct', 'mistral-7b-instruct', 'qwen2.5-7b'])} - Chat`])),
  native('ollama-app', AI, 4, ['Ollama', 'ollama app.exe'], (r) => aiTitle(r, 'Ollama')),
  native('msty', AI, 4, ['Msty', 'Msty.exe'], (r) => aiTitle(r, 'Msty')),
  native('jan', AI, 4, ['Jan', 'Jan.exe'], (r) => aiTitle(r, 'Jan')),
  web('chatbox', AI, 4, (r) => ({ title: aiTitle(r, 'Chatbox AI'), host: 'web.chatboxai.app', path: '/' })),
  web('qwen-chat', AI, 4, (r) => ({ title: aiTitle(r, 'Qwen Chat'), host: 'chat.qwen.ai', path: '/c/' })),
  web('typingmind', AI, 4, (r) => ({ title: aiTitle(r, 'TypingMind'), host: 'www.typingmind.com', path: '/' })),
  web('you-com', AI, 5, (r) => ({ title: `${convo(r)} | You.com`, host: 'you.com', path: '/search' })),
  web('kagi-assistant', AI, 4, (r) => ({ title: `${convo(r)} - Kagi Assistant`, host: 'kagi.com', path: '/assistant' })),
];

