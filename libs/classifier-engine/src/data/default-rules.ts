import { normalizeApp } from '../app-normalizer';
import { RuleDef } from '../ruleset.types';
import { normalizeTitle } from '../title-normalizer';

/**
 * Built-in rules, grouped by category. `apps` are process/app names (matched after normalizeApp,
 * so list each spelling a platform reports once), `domains` are host[/path] patterns, `keywords`
 * are title words (mostly site and product names, for browser events that carry no URL).
 *
 * Browsers deliberately have no app rule: a browser says nothing about the activity, and an app
 * rule would shadow the title keywords of URL-less browser events.
 */
interface CategoryRules {
  apps?: string[];
  domains?: string[];
  keywords?: string[];
  regexes?: Record<string, string>;
}

const RULES_BY_CATEGORY: Record<string, CategoryRules> = {
  'work:programming': {
    apps: [
      // Editors and IDEs
      'code', 'visual studio code', 'code - insiders', 'code-insiders', 'vscodium', 'codium', 'cursor', 'windsurf',
      'zed', 'devenv', 'visual studio', 'idea', 'idea64', 'intellij idea', 'intellij idea ultimate',
      'intellij idea community', 'intellij idea ce', 'pycharm', 'pycharm64', 'pycharm community edition',
      'pycharm professional', 'webstorm', 'webstorm64', 'phpstorm', 'phpstorm64', 'goland', 'goland64', 'clion',
      'clion64', 'rider', 'rider64', 'rubymine', 'rubymine64', 'datagrip', 'datagrip64', 'dataspell', 'fleet',
      'rustrover', 'rustrover64', 'aqua', 'jetbrains gateway', 'android studio', 'studio64', 'xcode', 'vim',
      'nvim', 'neovim', 'gvim', 'macvim', 'vimr', 'neovide', 'emacs', 'emacs-gtk', 'emacsclient',
      'sublime_text', 'sublime text', 'atom', 'notepad++', 'kate', 'eclipse', 'netbeans', 'netbeans64',
      'qtcreator', 'codeblocks', 'arduino ide', 'rstudio', 'spyder', 'jupyterlab', 'jupyter-lab', 'positron',
      'helix', 'hx', 'nano', 'micro', 'bbedit', 'textmate', 'nova', 'lapce', 'kakoune', 'brackets',
      'unity', 'unity hub', 'unrealeditor', 'godot',
      // The X11 window classes Linux trackers (ActivityWatch) report for JetBrains IDEs and Code - OSS
      'jetbrains-idea', 'jetbrains-idea-ce', 'jetbrains-pycharm', 'jetbrains-pycharm-ce', 'jetbrains-webstorm',
      'jetbrains-phpstorm', 'jetbrains-goland', 'jetbrains-clion', 'jetbrains-rider', 'jetbrains-rubymine',
      'jetbrains-datagrip', 'jetbrains-rustrover', 'jetbrains-studio', 'code-oss',
      // Terminals
      'terminal', 'iterm2', 'iterm', 'windowsterminal', 'windows terminal', 'cmd', 'conhost', 'powershell',
      'pwsh', 'windows powershell', 'gnome-terminal', 'gnome-terminal-server', 'konsole', 'alacritty', 'kitty',
      'wezterm', 'wezterm-gui', 'hyper', 'tabby', 'warp', 'ghostty', 'xterm', 'urxvt', 'terminator', 'tilix',
      'xfce4-terminal', 'mintty', 'putty', 'termius', 'mobaxterm', 'guake', 'yakuake', 'foot',
      // Git clients
      'github desktop', 'githubdesktop', 'sourcetree', 'gitkraken', 'fork', 'tower', 'smartgit', 'gitg', 'gitk',
      'git-gui', 'sublime merge', 'sublime_merge', 'gitup', 'lazygit',
      // Databases, APIs, containers
      'dbeaver', 'tableplus', 'pgadmin 4', 'pgadmin4', 'mysql workbench', 'mysqlworkbench', 'mongodb compass',
      'studio 3t', 'azure data studio', 'redisinsight', 'sequel ace', 'beekeeper studio', 'postman', 'insomnia',
      'bruno', 'httpie', 'wireshark', 'docker desktop', 'lens', 'virtualbox', 'vmware workstation',
      'vmware fusion', 'parallels desktop', 'utm',
    ],
    domains: [
      'github.com', 'githubusercontent.com', 'gitlab.com', 'bitbucket.org', 'sourcehut.org', 'codeberg.org',
      'stackoverflow.com', 'stackexchange.com', 'superuser.com', 'serverfault.com', 'askubuntu.com',
      'developer.mozilla.org', 'devdocs.io', 'docs.python.org', 'pypi.org', 'npmjs.com', 'crates.io', 'docs.rs',
      'pkg.go.dev', 'go.dev', 'rust-lang.org', 'nodejs.org', 'typescriptlang.org', 'react.dev', 'vuejs.org',
      'angular.dev', 'angular.io', 'svelte.dev', 'nextjs.org', 'nestjs.com', 'developer.apple.com',
      'developer.android.com', 'learn.microsoft.com', 'docs.microsoft.com', 'cloud.google.com',
      'console.cloud.google.com', 'console.firebase.google.com', 'aws.amazon.com', 'portal.azure.com',
      'vercel.com', 'netlify.com', 'heroku.com', 'dash.cloudflare.com', 'developers.cloudflare.com',
      'digitalocean.com', 'hub.docker.com', 'docs.docker.com', 'kubernetes.io', 'codepen.io', 'codesandbox.io',
      'stackblitz.com', 'replit.com', 'jsfiddle.net', 'regex101.com', 'leetcode.com', 'hackerrank.com',
      'codewars.com', 'sentry.io', 'datadoghq.com', 'grafana.com', 'circleci.com', 'readthedocs.io',
      'readthedocs.org', 'caniuse.com', 'localhost', 'jetbrains.com', 'gitpod.io', 'huggingface.co',
      'kaggle.com', 'colab.research.google.com', 'mongodb.com', 'postgresql.org', 'redis.io', 'nats.io',
      'docs.nestjs.com', 'git-scm.com', 'man7.org', 'cppreference.com', 'docs.oracle.com', 'spring.io',
      'php.net', 'ruby-doc.org', 'kotlinlang.org', 'swift.org', 'dart.dev', 'flutter.dev', 'postman.com',
    ],
    keywords: [
      'github', 'gitlab', 'bitbucket', 'stack overflow', 'mdn web docs', 'visual studio code', 'pull request',
      'merge request', 'intellij idea', 'pycharm', 'webstorm', 'npm', 'pypi', 'docs.rs', 'devdocs', 'leetcode',
      'localhost', 'jupyter notebook', 'codesandbox', 'stackblitz', 'regex101', 'docker hub', 'kubernetes',
    ],
    regexes: {
      // Editors we do not know by name still show the file being edited.
      'source-file': '\\.(?:tsx?|jsx?|mjs|py|rs|go|java|kt|cs|cpp|hpp|rb|php|swift|scala|sql|ya?ml|toml|dockerfile)\\b',
    },
  },
  'work:project-management': {
    apps: ['linear', 'jira', 'asana', 'trello', 'clickup', 'monday', 'todoist', 'things 3', 'omnifocus', 'ticktick', 'microsoft project', 'winproj'],
    domains: [
      'atlassian.net', 'jira.com', 'linear.app', 'asana.com', 'trello.com', 'clickup.com', 'monday.com',
      'basecamp.com', 'shortcut.com', 'height.app', 'todoist.com', 'youtrack.cloud', 'pivotaltracker.com',
      'wrike.com', 'smartsheet.com', 'teamwork.com',
    ],
    keywords: ['jira', 'asana', 'trello', 'clickup', 'youtrack'],
  },
  'work:writing': {
    apps: [
      'notion', 'obsidian', 'typora', 'ia writer', 'ulysses', 'scrivener', 'bear', 'logseq', 'joplin',
      'simplenote', 'evernote', 'onenote', 'microsoft onenote', 'standard notes', 'craft', 'notes', 'textedit',
      'notepad', 'gedit', 'gnome-text-editor', 'mousepad', 'pages', 'winword', 'microsoft word', 'word',
      'libreoffice writer', 'libreoffice-writer', 'marktext', 'zettlr', 'overleaf', 'texstudio', 'texmaker', 'lyx', 'anytype',
      'capacities', 'reflect', 'roam research', 'hemingway editor', 'grammarly', 'grammarly desktop',
    ],
    domains: [
      'notion.so', 'notion.site', 'atlassian.net/wiki', 'docs.google.com/document', 'overleaf.com',
      'coda.io', 'hackmd.io', 'paper.dropbox.com', 'quip.com', 'app.grammarly.com',
      'roamresearch.com', 'workflowy.com', 'dynalist.io', 'craft.do', 'evernote.com', 'onenote.com',
      'hemingwayapp.com', 'google.com/keep', 'keep.google.com', 'docs.new',
    ],
    keywords: ['confluence', 'google docs', 'obsidian', 'overleaf', 'microsoft word', 'hackmd'],
  },
  'work:office': {
    apps: [
      'excel', 'microsoft excel', 'powerpnt', 'microsoft powerpoint', 'powerpoint', 'numbers', 'keynote',
      'soffice', 'soffice.bin', 'libreoffice', 'libreoffice calc', 'libreoffice impress', 'libreoffice-calc',
      'libreoffice-impress', 'onlyoffice',
      'desktopeditors', 'wps office', 'wps', 'et', 'wpp', 'acrobat', 'acrobat reader', 'adobe acrobat',
      'adobe acrobat reader', 'acrord32', 'foxit pdf reader', 'foxitpdfreader', 'sumatrapdf', 'okular', 'evince',
      'pdf expert', 'calendar', 'fantastical', 'busycal', 'microsoft visio', 'visio', 'tableau', 'power bi desktop',
      'pbidesktop',
    ],
    domains: [
      'docs.google.com/spreadsheets', 'docs.google.com/presentation', 'docs.google.com/forms', 'drive.google.com',
      'calendar.google.com', 'google.com/calendar', 'office.com', 'office365.com', 'sharepoint.com',
      'onedrive.live.com', 'onedrive.com', 'dropbox.com', 'box.com', 'airtable.com', 'icloud.com/numbers', 'icloud.com/keynote', 'icloud.com/pages', 'zoho.com', 'docusign.com', 'docusign.net',
      'adobe.com/acrobat', 'acrobat.adobe.com', 'ilovepdf.com', 'smallpdf.com', 'tableau.com', 'app.powerbi.com',
      'looker.com', 'lookerstudio.google.com', 'calendly.com', 'sheets.new', 'slides.new',
    ],
    keywords: ['google sheets', 'google slides', 'google drive', 'google calendar', 'powerpoint', 'sharepoint', 'onedrive', 'airtable'],
  },
  'work:design': {
    apps: [
      'figma', 'figma agent', 'sketch', 'photoshop', 'adobe photoshop', 'adobe photoshop 2024',
      'adobe photoshop 2025', 'adobe photoshop 2026', 'illustrator', 'adobe illustrator',
      'adobe illustrator 2024', 'adobe illustrator 2025', 'adobe illustrator 2026', 'indesign', 'adobe indesign',
      'adobe xd', 'xd', 'adobe premiere pro', 'premiere pro', 'adobe premiere pro 2025', 'after effects',
      'adobe after effects', 'afterfx', 'lightroom', 'lightroom classic', 'adobe lightroom classic',
      'davinci resolve', 'resolve', 'final cut pro', 'blender', 'gimp', 'gimp-2.10', 'gimp-3.0', 'inkscape', 'krita',
      'affinity designer', 'affinity designer 2', 'affinity photo', 'affinity photo 2', 'affinity publisher',
      'pixelmator pro', 'canva', 'framer', 'penpot', 'cinema 4d', 'maya', '3dsmax', '3ds max', 'houdini',
      'zbrush', 'adobe substance 3d painter', 'fusion360', 'autodesk fusion', 'autocad', 'acad', 'solidworks',
      'sldworks', 'sketchup', 'rhino', 'freecad', 'kicad', 'darktable', 'rawtherapee', 'audacity', 'ableton live',
      'ableton live 12 suite', 'fl studio', 'fl64', 'logic pro', 'garageband', 'reaper', 'pro tools',
      'capture one', 'procreate', 'principle', 'origami studio', 'zeplin', 'avocode', 'lunacy',
    ],
    domains: [
      'figma.com', 'canva.com', 'dribbble.com', 'behance.net', 'miro.com', 'framer.com', 'penpot.app',
      'excalidraw.com', 'app.diagrams.net', 'draw.io', 'lucid.app', 'lucidchart.com', 'whimsical.com', 'coolors.co',
      'fonts.google.com', 'unsplash.com', 'pexels.com', 'photopea.com', 'adobe.com/express', 'new.express.adobe.com',
      'zeplin.io', 'spline.design', 'mobbin.com', 'fontawesome.com', 'iconify.design', 'tldraw.com',
    ],
    keywords: ['figma', 'canva', 'photoshop', 'dribbble', 'behance', 'miro', 'excalidraw', 'lucidchart'],
  },
  'work:research': {
    apps: ['zotero', 'mendeley reference manager', 'mendeley desktop', 'endnote', 'papers', 'readcube papers', 'devonthink', 'devonthink 3', 'mathematica', 'wolfram', 'matlab', 'stata', 'spss'],
    domains: [
      'google.com/search', 'bing.com/search', 'duckduckgo.com', 'kagi.com', 'ecosia.org', 'search.brave.com',
      'startpage.com', 'scholar.google.com', 'arxiv.org', 'researchgate.net', 'semanticscholar.org',
      'pubmed.ncbi.nlm.nih.gov', 'ncbi.nlm.nih.gov', 'jstor.org', 'sciencedirect.com', 'link.springer.com',
      'ieeexplore.ieee.org', 'dl.acm.org', 'ssrn.com', 'wolframalpha.com', 'paperswithcode.com', 'biorxiv.org',
      'openreview.net', 'connectedpapers.com', 'elicit.com', 'consensus.app', 'statista.com', 'ourworldindata.org',
      'data.worldbank.org', 'nature.com', 'science.org', 'plos.org', 'frontiersin.org', 'mdpi.com', 'zotero.org',
    ],
    keywords: ['google scholar', 'arxiv', 'researchgate', 'semantic scholar', 'pubmed', 'jstor', 'wolfram alpha', 'google search', 'duckduckgo'],
  },
  'work:ai-assistants': {
    apps: ['chatgpt', 'claude', 'perplexity', 'copilot', 'microsoft copilot', 'lm studio', 'ollama', 'jan', 'msty', 'poe'],
    domains: [
      'chat.openai.com', 'chatgpt.com', 'claude.ai', 'gemini.google.com', 'bard.google.com', 'aistudio.google.com',
      'notebooklm.google.com', 'copilot.microsoft.com', 'perplexity.ai', 'poe.com', 'huggingface.co/chat',
      'chat.mistral.ai', 'grok.com', 'x.com/i/grok', 'chat.deepseek.com', 'meta.ai', 'phind.com', 'you.com',
      'platform.openai.com', 'console.anthropic.com', 'character.ai', 'pi.ai', 'chat.qwen.ai', 'kimi.com',
      'v0.dev', 'bolt.new', 'lovable.dev',
    ],
    keywords: ['chatgpt', 'claude', 'perplexity', 'google gemini', 'microsoft copilot', 'deepseek', 'mistral le chat', 'notebooklm'],
  },
  'communication:chat': {
    apps: [
      'slack', 'discord', 'telegram', 'telegram desktop', 'telegramdesktop', 'teams-for-linux', 'whatsapp', 'whatsapp.root', 'signal', 'microsoft teams',
      'teams', 'ms-teams', 'msteams', 'microsoft teams (work or school)', 'element', 'mattermost', 'rocket.chat',
      'wire', 'skype', 'messages', 'messenger', 'viber', 'wechat', 'weixin', 'line', 'zulip', 'google chat',
      'keybase', 'beeper', 'franz', 'rambox', 'ferdium', 'threema', 'session', 'kakaotalk', 'pidgin', 'hexchat',
      'irccloud', 'gitter', 'chatterino', 'revolt', 'guilded',
    ],
    domains: [
      'slack.com', 'app.slack.com', 'discord.com', 'discordapp.com', 'web.telegram.org', 'telegram.org',
      'web.whatsapp.com', 'teams.microsoft.com', 'teams.live.com', 'messenger.com', 'facebook.com/messages',
      'chat.google.com', 'mail.google.com/chat', 'app.element.io', 'element.io', 'linkedin.com/messaging',
      'web.skype.com', 'zulipchat.com', 'instagram.com/direct', 'messages.google.com', 'x.com/messages',
      'twitter.com/messages', 'app.gitter.im', 'signal.org', 'wire.com',
    ],
    keywords: ['slack', 'discord', 'telegram', 'whatsapp', 'microsoft teams', 'messenger', 'google chat', 'mattermost'],
  },
  'communication:meetings': {
    apps: [
      'zoom', 'zoom.us', 'zoom workplace', 'webex', 'cisco webex meetings', 'ciscowebexstart', 'webexmta',
      'gotomeeting', 'goto', 'bluejeans', 'jitsi meet', 'around', 'whereby', 'facetime', 'lync', 'skype for business',
      'ringcentral', 'ringcentral meetings', 'tuple', 'gather', 'livestorm', 'vowel', 'loom',
    ],
    domains: [
      'zoom.us', 'zoom.com', 'meet.google.com', 'webex.com', 'whereby.com', 'meet.jit.si', 'gotomeeting.com',
      'app.gather.town', 'gather.town', 'bluejeans.com', 'around.co', 'livestorm.co', 'streamyard.com',
      'riverside.fm', 'loom.com', 'teams.live.com/meet', 'meet.zoho.com',
    ],
    keywords: ['zoom meeting', 'google meet', 'webex meeting', 'jitsi meet', 'gotomeeting'],
  },
  'communication:email': {
    apps: [
      'outlook', 'microsoft outlook', 'olk', 'thunderbird', 'betterbird', 'mail', 'spark', 'spark desktop', 'airmail',
      'airmail 5', 'mailspring', 'evolution', 'geary', 'kmail', 'mimestream', 'hey', 'proton mail', 'protonmail',
      'proton mail bridge', 'superhuman', 'postbox', 'em client', 'mailclient', 'mailbird', 'canary mail', 'newton',
      'claws-mail', 'mutt', 'neomutt', 'aerc',
    ],
    domains: [
      'mail.google.com', 'inbox.google.com', 'outlook.office.com', 'outlook.office365.com', 'outlook.live.com',
      'outlook.com', 'mail.proton.me', 'proton.me/mail', 'mail.yahoo.com', 'fastmail.com', 'app.fastmail.com',
      'mail.zoho.com', 'icloud.com/mail', 'hey.com', 'app.hey.com', 'superhuman.com', 'mail.aol.com', 'gmx.com',
      'gmx.net', 'web.de', 'mail.ru', 'tuta.com', 'app.tuta.com', 'mail.tutanota.com', 'posteo.de', 'mailbox.org',
      'zoho.com/mail', 'roundcube.net',
    ],
    keywords: ['gmail', 'outlook', 'proton mail', 'thunderbird', 'fastmail', 'yahoo mail', 'superhuman', 'inbox zero'],
  },
  'learning:courses': {
    apps: ['anki', 'coursera', 'udemy', 'khan academy', 'brilliant', 'mimo', 'sololearn'],
    domains: [
      'coursera.org', 'udemy.com', 'khanacademy.org', 'edx.org', 'brilliant.org', 'codecademy.com',
      'freecodecamp.org', 'pluralsight.com', 'skillshare.com', 'masterclass.com', 'udacity.com', 'datacamp.com',
      'linkedin.com/learning', 'egghead.io', 'frontendmasters.com', 'educative.io', 'exercism.org', 'ocw.mit.edu',
      'futurelearn.com', 'domestika.org', 'ankiweb.net', 'quizlet.com', 'coursehero.com', 'chegg.com',
      'openclassrooms.com', 'classroom.google.com', 'canvas.instructure.com', 'instructure.com', 'moodle.org',
      'blackboard.com', 'studocu.com', 'w3schools.com', 'geeksforgeeks.org', 'theodinproject.com', 'scrimba.com',
    ],
    keywords: ['coursera', 'udemy', 'khan academy', 'edx', 'codecademy', 'freecodecamp', 'pluralsight', 'skillshare', 'masterclass', 'udacity', 'datacamp', 'quizlet', 'google classroom', 'moodle'],
  },
  'learning:reading': {
    apps: ['kindle', 'books', 'apple books', 'calibre', 'calibre-parallel', 'koreader', 'foliate', 'readest', 'reeder', 'netnewswire', 'readwise reader', 'thorium', 'adobe digital editions'],
    domains: [
      'wikipedia.org', 'wikimedia.org', 'wiktionary.org', 'wikibooks.org', 'medium.com', 'substack.com',
      'goodreads.com', 'read.amazon.com', 'readwise.io', 'getpocket.com', 'instapaper.com', 'feedly.com',
      'inoreader.com', 'gutenberg.org', 'archive.org', 'britannica.com', 'dev.to', 'hashnode.com', 'lesswrong.com',
      'paulgraham.com', 'longreads.com', 'aeon.co', 'quantamagazine.org', 'scribd.com', 'oreilly.com',
      'learning.oreilly.com', 'manning.com', 'libbyapp.com', 'storygraph.com',
    ],
    keywords: ['wikipedia', 'substack', 'goodreads', 'kindle', 'project gutenberg', 'internet archive', "o'reilly"],
  },
  'learning:languages': {
    apps: ['duolingo', 'babbel', 'memrise', 'busuu', 'rosetta stone', 'lingq'],
    domains: ['duolingo.com', 'babbel.com', 'memrise.com', 'busuu.com', 'lingq.com', 'italki.com', 'deepl.com', 'translate.google.com', 'reverso.net', 'linguee.com', 'wordreference.com', 'forvo.com', 'clozemaster.com', 'languagereactor.com', 'tandem.net'],
    keywords: ['duolingo', 'babbel', 'memrise', 'busuu', 'italki', 'deepl', 'google translate', 'wordreference'],
  },
  'entertainment:video': {
    apps: [
      'vlc', 'vlc media player', 'mpv', 'iina', 'mpc-hc', 'mpc-hc64', 'mpc-be', 'mpc-be64', 'potplayer',
      'potplayermini64', 'potplayermini', 'netflix', 'plex', 'plex htpc', 'kodi', 'infuse', 'quicktime player',
      'tv', 'apple tv', 'disney+', 'prime video', 'amazon prime video', 'wmplayer', 'windows media player',
      'media player', 'movies & tv', 'stremio', 'jellyfin media player', 'emby theater', 'celluloid', 'smplayer',
      'totem', 'haruna', 'elmedia player', 'crunchyroll', 'hulu', 'freetube', 'popcorn-time',
    ],
    domains: [
      'youtube.com', 'youtu.be', 'youtube-nocookie.com', 'netflix.com', 'twitch.tv', 'primevideo.com',
      'amazon.com/gp/video', 'disneyplus.com', 'hulu.com', 'max.com', 'hbomax.com', 'tv.apple.com', 'vimeo.com',
      'dailymotion.com', 'crunchyroll.com', 'peacocktv.com', 'paramountplus.com', 'app.plex.tv', 'watch.plex.tv',
      'kick.com', 'bilibili.com', 'rumble.com', 'mubi.com', 'nebula.tv', 'curiositystream.com', 'pluto.tv',
      'tubitv.com', 'roku.com', 'sling.com', 'fubo.tv', 'funimation.com', 'iplayer.bbc.co.uk', 'bbc.co.uk/iplayer',
      'channel4.com', 'itv.com', 'arte.tv', 'zdf.de', 'ardmediathek.de', 'canalplus.com', 'hotstar.com',
      'jiocinema.com', 'viki.com', 'odysee.com', 'ted.com', 'imdb.com', 'letterboxd.com', 'rottentomatoes.com',
      'justwatch.com', 'trakt.tv', 'tvtime.com',
    ],
    keywords: [
      'youtube', 'netflix', 'twitch', 'prime video', 'disney+', 'hulu', 'hbo max', 'crunchyroll', 'vimeo',
      'dailymotion', 'apple tv+', 'paramount+', 'bilibili', 'plex', 'vlc media player', 'imdb', 'letterboxd',
    ],
    regexes: {
      // "Show S02E05" style episode titles in players we do not know.
      episode: '\\bs\\d{1,2} ?e\\d{1,3}\\b',
    },
  },
  'entertainment:music': {
    apps: [
      'spotify', 'music', 'apple music', 'itunes', 'tidal', 'deezer', 'amazon music', 'foobar2000', 'winamp',
      'musicbee', 'aimp', 'rhythmbox', 'clementine', 'strawberry', 'audacious', 'cider', 'elisa', 'lollypop',
      'spotube', 'youtube music', 'ytmdesktop', 'qobuz', 'plexamp', 'swinsian', 'vox', 'doppler', 'cmus',
      'ncspot', 'spotify_player', 'lyrics', 'shazam', 'pandora', 'soundcloud', 'audible', 'pocket casts',
      'podcasts', 'overcast',
    ],
    domains: [
      'open.spotify.com', 'spotify.com', 'music.apple.com', 'podcasts.apple.com', 'soundcloud.com',
      'music.youtube.com', 'tidal.com', 'listen.tidal.com', 'deezer.com', 'bandcamp.com', 'music.amazon.com',
      'music.amazon.de', 'music.amazon.co.uk', 'pandora.com', 'last.fm', 'genius.com', 'qobuz.com',
      'play.qobuz.com', 'mixcloud.com', 'audible.com', 'pocketcasts.com', 'overcast.fm', 'tunein.com',
      'radio.garden', 'iheart.com', 'musicbrainz.org', 'discogs.com', 'rateyourmusic.com', 'lofi.cafe',
    ],
    keywords: ['spotify', 'soundcloud', 'bandcamp', 'youtube music', 'apple music', 'deezer', 'last.fm', 'genius lyrics', 'audible', 'pocket casts'],
  },
  'entertainment:games': {
    apps: [
      'steam', 'steamwebhelper', 'epicgameslauncher', 'epic games launcher', 'battle.net', 'gog galaxy',
      'galaxyclient', 'origin', 'ea', 'ea app', 'eadesktop', 'ubisoft connect', 'upc', 'riotclientservices',
      'riot client', 'xbox', 'xboxapp', 'playnite', 'heroic', 'lutris', 'itch', 'prismlauncher',
      'minecraft', 'minecraft launcher', 'leagueclient', 'leagueclientux', 'league of legends',
      'fortniteclient-win64-shipping', 'valorant', 'valorant-win64-shipping', 'cs2', 'csgo', 'dota2', 'wow',
      'world of warcraft', 'overwatch', 'robloxplayerbeta', 'roblox', 'genshinimpact', 'eldenring', 'bg3',
      'bg3_dx11', 'cyberpunk2077', 'ts4_x64', 'the sims 4', 'hearthstone', 'r5apex', 'r5apex_dx12',
      'rocketleague', 'among us', 'terraria', 'stardew valley', 'civilizationvi', 'civ6', 'civilization7',
      'factorio', 'rimworldwin64', 'rimworld', 'gta5', 'gtav', 'rdr2', 'destiny2', 'pubg', 'tslgame',
      'starcraft ii', 'sc2_x64', 'diablo iv', 'helldivers2', 'palworld-win64-shipping', 'hollow_knight',
      'hades', 'hades ii', 'balatro', 'vampire survivors', 'baldur\'s gate 3', 'deadlock', 'marvel rivals',
      'chess', 'solitaire', 'microsoft solitaire collection', 'openttd', 'dolphin emulator', 'retroarch',
      'pcsx2', 'yuzu', 'ryujinx', 'cemu', 'rpcs3', 'ppsspp', 'osu!', 'osu',
    ],
    domains: [
      'store.steampowered.com', 'steampowered.com', 'steamcommunity.com', 'epicgames.com', 'battle.net', 'gog.com',
      'itch.io', 'roblox.com', 'chess.com', 'lichess.org', 'miniclip.com', 'poki.com', 'crazygames.com',
      'kongregate.com', 'armorgames.com', 'newgrounds.com', 'nytimes.com/games', 'nytimes.com/crosswords',
      'geoguessr.com', 'agar.io', 'slither.io', 'krunker.io', 'ign.com', 'gamespot.com', 'polygon.com', 'kotaku.com',
      'pcgamer.com', 'ea.com', 'xbox.com', 'playstation.com', 'nintendo.com', 'minecraft.net', 'leagueoflegends.com',
      'op.gg', 'u.gg', 'mobalytics.gg', 'fandom.com', 'speedrun.com', 'nexusmods.com', 'curseforge.com',
      'boardgamearena.com', 'jklm.fun', 'skribbl.io', 'gartic.io', 'wordle.org',
    ],
    keywords: [
      'steam', 'minecraft', 'league of legends', 'fortnite', 'valorant', 'counter-strike', 'dota 2',
      'world of warcraft', 'overwatch', 'roblox', 'genshin impact', 'elden ring', "baldur's gate", 'cyberpunk 2077',
      'the sims', 'hearthstone', 'apex legends', 'rocket league', 'among us', 'terraria', 'stardew valley',
      'civilization vi', 'factorio', 'rimworld', 'grand theft auto', 'red dead redemption', 'destiny 2', 'pubg',
      'starcraft', 'diablo', 'helldivers', 'palworld', 'hollow knight', 'balatro', 'chess.com', 'lichess',
      'geoguessr', 'wordle', 'marvel rivals', 'call of duty', 'battlefield', 'the witcher', 'zelda', 'pokemon',
      'pokémon', 'animal crossing', 'super mario',
    ],
  },
  'entertainment:social-media': {
    apps: ['tiktok', 'instagram', 'facebook', 'reddit', 'twitter', 'x', 'threads', 'bluesky', 'tweetdeck', 'ivory', 'ice cubes', 'tusky', 'pinterest', 'snapchat', 'tumblr', 'mastodon', 'apollo', 'narwhal'],
    domains: [
      'reddit.com', 'redd.it', 'x.com', 'twitter.com', 't.co', 'facebook.com', 'fb.com', 'instagram.com',
      'tiktok.com', 'linkedin.com/feed', 'pinterest.com', 'tumblr.com', 'threads.net', 'threads.com', 'bsky.app',
      'mastodon.social', 'mastodon.online', 'snapchat.com', 'quora.com', '9gag.com', 'imgur.com', 'vk.com',
      'weibo.com', 'ok.ru', 'lemmy.world', 'tildes.net', 'digg.com', 'deviantart.com',
      'knowyourmeme.com', 'giphy.com', 'producthunt.com', 'nextdoor.com', 'truthsocial.com', 'gab.com', 'vero.co',
      'bereal.com', 'clubhouse.com', 'xiaohongshu.com', 'douyin.com', 'zhihu.com', 'meetup.com',
    ],
    keywords: ['reddit', 'twitter', 'facebook', 'instagram', 'tiktok', 'pinterest', 'tumblr', 'bluesky', 'mastodon', 'snapchat', 'quora', '9gag', 'imgur'],
  },
  'entertainment:news': {
    apps: ['news', 'apple news', 'flipboard', 'google news', 'feeder', 'readkit'],
    domains: [
      'nytimes.com', 'bbc.com', 'bbc.co.uk', 'cnn.com', 'theguardian.com', 'reuters.com', 'apnews.com',
      'washingtonpost.com', 'wsj.com', 'bloomberg.com', 'ft.com', 'economist.com', 'news.ycombinator.com',
      'theverge.com', 'techcrunch.com', 'arstechnica.com', 'wired.com', 'news.google.com', 'foxnews.com',
      'nbcnews.com', 'cbsnews.com', 'abcnews.go.com', 'aljazeera.com', 'spiegel.de', 'zeit.de', 'faz.net',
      'sueddeutsche.de', 'bild.de', 'tagesschau.de', 'lemonde.fr', 'lefigaro.fr', 'elpais.com', 'elmundo.es',
      'corriere.it', 'repubblica.it', 'axios.com', 'politico.com', 'politico.eu', 'npr.org', 'huffpost.com',
      'usatoday.com', 'latimes.com', 'theatlantic.com', 'newyorker.com', 'time.com', 'forbes.com',
      'businessinsider.com', 'cnbc.com', 'marketwatch.com', 'vox.com', 'vice.com', 'slashdot.org', 'lobste.rs',
      'engadget.com', 'gizmodo.com', 'theregister.com', 'zdnet.com', 'cnet.com', '9to5mac.com', 'macrumors.com',
      'heise.de', 'golem.de', 'lwn.net', 'phoronix.com', 'news.yahoo.com', 'msn.com', 'dailymail.co.uk',
      'independent.co.uk', 'telegraph.co.uk', 'sky.com', 'news.sky.com', 'abc.net.au', 'smh.com.au', 'cbc.ca',
      'globalnews.ca', 'timesofindia.indiatimes.com', 'hindustantimes.com', 'ndtv.com', 'scmp.com', 'japantimes.co.jp',
      'dw.com', 'france24.com', 'euronews.com', 'semafor.com', 'theinformation.com', 'protocol.com', 'espn.com',
      'skysports.com', 'theathletic.com', 'weather.com', 'accuweather.com',
    ],
    keywords: [
      'hacker news', 'the new york times', 'bbc news', 'cnn', 'the guardian', 'reuters', 'associated press',
      'the washington post', 'wall street journal', 'bloomberg', 'financial times', 'the economist', 'the verge',
      'techcrunch', 'ars technica', 'google news', 'fox news', 'al jazeera', 'der spiegel', 'le monde',
      'politico', 'npr', 'huffpost', 'espn', 'breaking news', 'live updates',
    ],
  },
  shopping: {
    apps: ['amazon shopping', 'ebay', 'aliexpress', 'temu', 'shein', 'etsy', 'wish'],
    domains: [
      'amazon.com', 'amazon.co.uk', 'amazon.de', 'amazon.fr', 'amazon.ca', 'amazon.co.jp', 'amazon.in', 'amazon.es',
      'amazon.it', 'amazon.nl', 'amazon.com.au', 'amazon.com.br', 'amazon.com.mx', 'amazon.pl', 'amazon.se',
      'ebay.com', 'ebay.co.uk', 'ebay.de', 'ebay.fr', 'ebay.it', 'ebay.com.au', 'ebay.ca', 'aliexpress.com',
      'aliexpress.us', 'alibaba.com', 'etsy.com', 'walmart.com', 'target.com', 'bestbuy.com', 'ikea.com', 'temu.com',
      'shein.com', 'zalando.de', 'zalando.com', 'wayfair.com', 'costco.com', 'newegg.com', 'homedepot.com',
      'lowes.com', 'asos.com', 'mercadolibre.com', 'mercadolivre.com.br', 'rakuten.com', 'rakuten.co.jp',
      'otto.de', 'bol.com', 'allegro.pl', 'flipkart.com', 'jd.com', 'taobao.com', 'tmall.com', 'shopee.com',
      'lazada.com', 'kaufland.de', 'mediamarkt.de', 'saturn.de', 'idealo.de', 'geizhals.de', 'pricerunner.com',
      'camelcamelcamel.com', 'argos.co.uk', 'currys.co.uk', 'johnlewis.com', 'tesco.com', 'instacart.com',
      'wish.com', 'overstock.com', 'chewy.com', 'nike.com', 'adidas.com', 'hm.com', 'zara.com', 'uniqlo.com',
      'sephora.com', 'ulta.com', 'macys.com', 'nordstrom.com', 'kohls.com', 'bhphotovideo.com', 'microcenter.com',
      'apple.com/shop', 'store.google.com', 'vinted.com', 'vinted.de', 'depop.com', 'poshmark.com', 'craigslist.org',
      'kleinanzeigen.de', 'marktplaats.nl', 'leboncoin.fr', 'gumtree.com', 'facebook.com/marketplace',
      'shopify.com', 'doordash.com', 'ubereats.com', 'deliveroo.co.uk', 'grubhub.com', 'just-eat.co.uk',
      'lieferando.de', 'wolt.com',
    ],
    keywords: ['amazon.com', 'ebay', 'aliexpress', 'etsy', 'walmart', 'best buy', 'ikea', 'temu', 'shein', 'zalando', 'shopping cart', 'your cart'],
  },
  'personal:finance': {
    apps: ['quicken', 'moneydance', 'banktivity', 'gnucash', 'ynab', 'you need a budget', 'moneymoney', 'coinbase', 'binance', 'exodus', 'ledger live', 'electrum', 'trezor suite', 'metamask', 'tradingview', 'thinkorswim', 'interactive brokers', 'tws'],
    domains: [
      'paypal.com', 'wise.com', 'transferwise.com', 'revolut.com', 'chase.com', 'bankofamerica.com', 'wellsfargo.com',
      'citi.com', 'citibank.com', 'capitalone.com', 'americanexpress.com', 'discover.com', 'usbank.com', 'pnc.com',
      'hsbc.com', 'hsbc.co.uk', 'barclays.co.uk', 'lloydsbank.com', 'natwest.com', 'santander.com',
      'santander.co.uk', 'monzo.com', 'starlingbank.com', 'n26.com', 'ing.com', 'ing.de', 'dkb.de', 'comdirect.de',
      'commerzbank.de', 'deutsche-bank.de', 'sparkasse.de', 'postbank.de', 'bnpparibas.com', 'creditagricole.fr',
      'societegenerale.fr', 'bbva.com', 'rbc.com', 'rbcroyalbank.com', 'td.com', 'scotiabank.com', 'bmo.com',
      'commbank.com.au', 'westpac.com.au', 'nab.com.au', 'anz.com.au', 'schwab.com', 'fidelity.com', 'vanguard.com',
      'investor.vanguard.com', 'robinhood.com', 'etrade.com', 'interactivebrokers.com', 'trading212.com',
      'degiro.com', 'tradingview.com', 'finance.yahoo.com', 'google.com/finance', 'morningstar.com',
      'seekingalpha.com', 'coinbase.com', 'binance.com', 'kraken.com', 'coinmarketcap.com', 'coingecko.com',
      'mint.intuit.com', 'creditkarma.com', 'ynab.com', 'quickbooks.intuit.com', 'turbotax.intuit.com',
      'irs.gov', 'venmo.com', 'cash.app', 'zelle.com', 'klarna.com', 'afterpay.com', 'splitwise.com', 'nerdwallet.com', 'bankrate.com', 'experian.com', 'equifax.com',
      'transunion.com', 'elster.de',
    ],
    keywords: ['online banking', 'netbanking', 'internet banking', 'banking', 'bank statement', 'credit card statement', 'paypal', 'wise transfer', 'revolut', 'coinbase', 'brokerage account', 'tax return', 'mortgage'],
  },
  'personal:travel': {
    apps: ['maps', 'google maps', 'google earth', 'google earth pro', 'uber', 'lyft', 'airbnb'],
    domains: [
      'google.com/maps', 'maps.google.com', 'google.com/travel', 'google.com/flights', 'maps.apple.com',
      'openstreetmap.org', 'bing.com/maps', 'here.com', 'waze.com', 'booking.com', 'airbnb.com', 'expedia.com',
      'tripadvisor.com', 'kayak.com', 'skyscanner.net', 'skyscanner.com', 'hotels.com', 'trivago.com',
      'agoda.com', 'vrbo.com', 'hostelworld.com', 'momondo.com', 'kiwi.com', 'ryanair.com', 'easyjet.com',
      'lufthansa.com', 'britishairways.com', 'united.com', 'delta.com', 'aa.com', 'southwest.com', 'emirates.com',
      'klm.com', 'airfrance.com', 'bahn.de', 'sncf-connect.com', 'trainline.com', 'amtrak.com', 'flixbus.com',
      'uber.com', 'lyft.com', 'rome2rio.com', 'seatguru.com', 'flightradar24.com', 'citymapper.com',
    ],
    keywords: ['google maps', 'openstreetmap', 'booking.com', 'airbnb', 'expedia', 'tripadvisor', 'skyscanner', 'flight to', 'boarding pass'],
  },
  'system:files': {
    apps: [
      'finder', 'explorer', 'file explorer', 'nautilus', 'org.gnome.nautilus', 'files', 'dolphin', 'thunar', 'nemo',
      'pcmanfm', 'pcmanfm-qt', 'caja', 'totalcmd', 'totalcmd64', 'total commander', 'dopus', 'directory opus',
      'forklift', 'path finder', 'commander one', 'double commander', 'doublecmd', 'xyplorer', 'files app',
      'midnight commander', 'mc', 'ranger', 'yazi', 'nnn', 'lf', 'krusader', 'qdirstat', 'windirstat',
      'wiztree', 'daisydisk', 'grandperspective', 'archive utility', '7zfm', '7-zip', 'winrar', 'the unarchiver',
      'keka', 'file roller', 'ark', 'filezilla', 'cyberduck', 'transmit', 'winscp', 'syncthing', 'dropbox',
      'google drive', 'onedrive', 'nextcloud', 'icloud drive',
    ],
  },
  'system:settings': {
    apps: [
      'system settings', 'system preferences', 'systemsettings', 'settings', 'control panel', 'control',
      'gnome-control-center', 'gnome-tweaks', 'systemsettings5', 'taskmgr', 'task manager', 'activity monitor',
      'gnome-system-monitor', 'ksysguard', 'plasma-systemmonitor', 'resource monitor', 'perfmon', 'mmc',
      'regedit', 'registry editor', 'device manager', 'disk utility', 'gnome-disks', 'gparted', 'diskmgmt',
      'console', 'event viewer', 'eventvwr', 'services', 'msconfig', 'lockapp', 'loginwindow', 'screensaverengine',
      'dock', 'spotlight', 'searchhost', 'searchui', 'searchapp', 'startmenuexperiencehost', 'shellexperiencehost',
      'app store', 'microsoft store', 'winstore.app', 'gnome-software', 'discover', 'software update',
      'synaptic', 'pamac-manager', 'installer', 'msiexec', 'setup', 'windows update', 'system information',
      'msinfo32', 'about this mac', 'raycast', 'alfred', 'alfred preferences', 'powertoys',
      'powertoys.powerlauncher', 'rectangle', 'magnet', 'bettertouchtool', 'karabiner-elements', 'hammerspoon',
      'screenshot', 'snippingtool', 'snipping tool', 'screenclippinghost', 'flameshot', 'cleanshot x', 'shottr',
      'sharex', 'greenshot', 'spectacle', 'gnome-screenshot', 'logioptionsplus', 'logi options+',
      'nvidia control panel', 'nvidia app', 'geforce experience', 'amd software', 'radeonsoftware',
      'wacom desktop center',
    ],
  },
  'system:security': {
    apps: [
      '1password', '1password 7', 'bitwarden', 'keepassxc', 'keepass', 'lastpass', 'dashlane', 'proton pass',
      'keychain access', 'passwords', 'seahorse', 'kwalletmanager', 'authy', 'authy desktop', 'yubico authenticator',
      'malwarebytes', 'windows security', 'securityhealthhost', 'avast', 'avg', 'norton', 'kaspersky', 'bitdefender',
      'little snitch', 'lulu', 'nordvpn', 'expressvpn', 'protonvpn', 'proton vpn', 'mullvad vpn', 'wireguard',
      'openvpn', 'openvpn connect', 'tailscale', 'globalprotect', 'pangps', 'cisco anyconnect secure mobility client',
      'cisco secure client', 'forticlient', 'veracrypt', 'gpg keychain', 'kleopatra',
    ],
    domains: [
      '1password.com', 'vault.bitwarden.com', 'bitwarden.com', 'lastpass.com', 'dashlane.com', 'pass.proton.me',
      'haveibeenpwned.com', 'myaccount.google.com/security', 'account.live.com', 'account.microsoft.com/security',
      'appleid.apple.com', 'account.apple.com', 'login.microsoftonline.com', 'accounts.google.com', 'okta.com',
      'auth0.com', 'duosecurity.com',
    ],
  },
};

/** Title rules that only apply inside one app; they need a priority to beat that app's own rule. */
const APP_SCOPED_KEYWORDS: { keyword: string; apps: string[]; categoryId: string; priority: number }[] = [
  {
    // Teams is chat by default; a meeting window is titled "Meeting with …" / "… | Meeting".
    keyword: 'meeting',
    apps: ['microsoft teams', 'teams', 'ms-teams', 'msteams', 'microsoft teams (work or school)'],
    categoryId: 'communication:meetings',
    priority: 10,
  },
  { keyword: 'call', apps: ['microsoft teams', 'teams', 'ms-teams', 'msteams', 'skype', 'whatsapp', 'telegram', 'signal'], categoryId: 'communication:meetings', priority: 10 },
  { keyword: 'huddle', apps: ['slack'], categoryId: 'communication:meetings', priority: 10 },
  { keyword: 'voice connected', apps: ['discord'], categoryId: 'communication:meetings', priority: 10 },
  // Outlook hosts calendar and meetings next to mail.
  { keyword: 'calendar', apps: ['outlook', 'microsoft outlook', 'olk'], categoryId: 'work:office', priority: 5 },
  // Steam's own window hosts the store and library; a game title in it is still gaming, but its chat is chat.
  { keyword: 'friends list', apps: ['steam', 'steamwebhelper'], categoryId: 'communication:chat', priority: 5 },
];

function buildDefaultRules(): RuleDef[] {
  const rules: RuleDef[] = [];
  for (const [categoryId, group] of Object.entries(RULES_BY_CATEGORY)) {
    for (const app of group.apps ?? []) {
      rules.push({ id: `app:${normalizeApp(app)}`, kind: 'app', pattern: app, categoryId });
    }
    for (const domain of group.domains ?? []) {
      rules.push({ id: `domain:${domain}`, kind: 'domain', pattern: domain, categoryId });
    }
    for (const keyword of group.keywords ?? []) {
      rules.push({ id: `keyword:${normalizeTitle(keyword)}`, kind: 'title-keyword', pattern: keyword, categoryId });
    }
    for (const [name, pattern] of Object.entries(group.regexes ?? {})) {
      rules.push({ id: `regex:${name}`, kind: 'title-regex', pattern, categoryId });
    }
  }
  for (const { keyword, apps, categoryId, priority } of APP_SCOPED_KEYWORDS) {
    for (const app of apps) {
      rules.push({
        id: `keyword:${normalizeTitle(keyword)}@${normalizeApp(app)}`,
        kind: 'title-keyword',
        pattern: keyword,
        categoryId,
        priority,
        appFilter: app,
      });
    }
  }
  return rules;
}

export const DEFAULT_RULES: RuleDef[] = buildDefaultRules();
