import { Source, mixed, native, visit, web } from './kit';
import { Rng } from './rng';
import { ALL_ARTICLES, ALL_BOOKS, COURSES, LESSON_PARTS, READING_WORDS, WIKI_TOPICS, person, slug } from './vocab';

const CO = 'learning:courses';
const RE = 'learning:reading';

const course = (r: Rng) => r.pick(COURSES);
const lesson = (r: Rng) => r.pick(LESSON_PARTS);
const book = (r: Rng) => r.pick(ALL_BOOKS);
const article = (r: Rng) => r.pick(ALL_ARTICLES);
const rw = (r: Rng) => r.pick(READING_WORDS);
const chapter = (r: Rng) => r.pick([`Chapter ${r.int(1, 40)}`, `Kapitel ${r.int(1, 30)}`, `Chapitre ${r.int(1, 30)}`, `Part ${r.int(1, 5)}`, `${r.int(1, 99)}%`]);
const uni = (r: Rng) => r.pick(['tum', 'uni-heidelberg', 'ucl', 'mit', 'stanford', 'uva', 'ethz', 'uoft', 'kth', 'unimelb']);
const courseCode = (r: Rng) => `${r.pick(['CS', 'MATH', 'ECON', 'PSY', 'BIO', 'IN', 'MA'])}${r.int(100, 499)}`;

export const courses: Source[] = [
  web('coursera', CO, 50, (r) => ({ title: r.pick([`${course(r)} | Coursera`, `${lesson(r)} - ${course(r)} | Coursera`, `${lesson(r)} | Coursera`]), host: 'www.coursera.org', path: `/learn/${slug(course(r))}/lecture/${r.alnum(5)}` })),
  web('udemy', CO, 45, (r) => ({ title: r.pick([`Course: ${course(r)} | Udemy`, `${course(r)} | Udemy`, `${lesson(r)} | ${course(r)} | Udemy`]), host: 'www.udemy.com', path: `/course/${slug(course(r))}/learn/lecture/${r.digits(8)}` })),
  web('edx', CO, 25, (r) => ({ title: r.pick([`${course(r)} | edX`, `Course | ${lesson(r)} | ${course(r)} | edX`]), host: r.pick(['www.edx.org', 'learning.edx.org']), path: '/course/' })),
  web('khan-academy', CO, 30, (r) => ({ title: r.pick([`${r.pick(['Intro to derivatives', 'Photosynthesis', 'Solving linear equations', 'The French Revolution', 'Supply and demand'])} (video) | Khan Academy`, `${r.pick(['Algebra 1', 'Biology', 'Statistics', 'World history'])} | Khan Academy`, `Practice: ${r.pick(['Fractions', 'Limits', 'Probability'])} | Khan Academy`]), host: 'www.khanacademy.org', path: '/math/' })),
  mixed('duolingo', 30, [
    [1, (r) => ({ app: r.pick(['Duolingo', 'Duolingo.exe']), title: 'Duolingo', categoryId: CO })],
    [2, (r) => ({ ...visit(r, { title: r.pick(["Duolingo - The world's best way to learn a language", 'Duolingo', `Lesson - Duolingo`]), host: 'www.duolingo.com', path: r.pick(['/learn', '/lesson', '/practice']) }), categoryId: CO })],
  ]),
  web('codecademy', CO, 18, (r) => ({ title: `${r.pick(['Learn Python 3', 'Learn SQL', 'Learn JavaScript', 'Intro to HTML'])}: ${r.pick(['Functions', 'Loops', 'Queries', 'Elements'])} | Codecademy`, host: 'www.codecademy.com', path: '/courses/learn-python-3/lessons/' })),
  web('pluralsight', CO, 10, (r) => ({ title: `${course(r)} | Pluralsight`, host: 'app.pluralsight.com', path: '/course-player' })),
  web('linkedin-learning', CO, 14, (r) => ({ title: `${course(r)} Online Class | LinkedIn Learning, formerly Lynda.com`, host: 'www.linkedin.com', path: `/learning/${slug(course(r))}` })),
  web('skillshare', CO, 12, (r) => ({ title: `${course(r)} | ${person(r)} | Skillshare`, host: 'www.skillshare.com', path: '/en/classes/' })),
  web('masterclass', CO, 8, (r) => ({ title: `${r.pick(['Gordon Ramsay Teaches Cooking', 'Neil Gaiman Teaches the Art of Storytelling', 'Chris Voss Teaches the Art of Negotiation'])} | MasterClass`, host: 'www.masterclass.com', path: '/classes/' })),
  web('freecodecamp', CO, 16, (r) => ({ title: `${r.pick(['Build a Cat Photo App', 'Learn Basic JavaScript', 'Responsive Web Design'])}: Step ${r.int(1, 90)} | freeCodeCamp.org`, host: 'www.freecodecamp.org', path: '/learn/2022/responsive-web-design/' })),
  web('brilliant', CO, 10, (r) => ({ title: `${r.pick(['Algebra Fundamentals', 'Logic', 'Scientific Thinking', 'Computer Science Fundamentals'])} | Brilliant`, host: 'brilliant.org', path: '/courses/' })),
  web('datacamp', CO, 10, (r) => ({ title: `${r.pick(['Introduction to Python', 'Data Manipulation with pandas', 'Intermediate SQL'])} | DataCamp`, host: 'app.datacamp.com', path: '/learn/courses/' })),
  web('udacity', CO, 6, (r) => ({ title: `${course(r)} | Udacity`, host: 'learn.udacity.com', path: '/nanodegrees/' })),
  web('canvas-lms', CO, 25, (r) => ({ title: r.pick([`${courseCode(r)}: ${r.pick(['Modules', 'Assignments', 'Grades', 'Announcements'])}`, `${lesson(r)}: ${courseCode(r)}`, 'Dashboard']), host: `canvas.${uni(r)}.edu`, path: `/courses/${r.int(1000, 99999)}/modules` })),
  web('moodle', CO, 25, (r) => ({ title: r.pick([`Kurs: ${course(r)}`, `Course: ${course(r)}`, `${lesson(r)} | Moodle`]), host: `moodle.${uni(r)}.de`, path: '/course/view.php' })),
  web('blackboard', CO, 10, (r) => ({ title: `${courseCode(r)} ${course(r)} – Blackboard Learn`, host: `learn.${uni(r)}.ac.uk`, path: '/ultra/courses/' })),
  web('google-classroom', CO, 10, (r) => ({ title: `${r.pick(['Biology 9B', 'AP Calculus', 'English Lit'])} - Google Classroom`, host: 'classroom.google.com', path: '/c/' })),
  native('anki', CO, 16, ['anki.exe', 'Anki'], (r) => r.pick(['Anki', `${r.pick(['Japanese Core 2k', 'Medical Terminology', 'Spanish Vocab', 'Organic Chemistry'])} - Anki`, 'Browse (1 of 4321 cards selected)'])),
  web('quizlet', CO, 12, (r) => ({ title: `${r.pick(['Biology Chapter 5', 'Spanish Verbs', 'AP US History Unit 3'])} Flashcards | Quizlet`, host: 'quizlet.com', path: '/de/' })),
  web('memrise', CO, 6, (r) => ({ title: r.pick(['Memrise', 'Memrise - Learn a language. Meet the world.', `Learn ${r.pick(['Spanish', 'Japanese', 'Korean'])} - Memrise`]), host: 'app.memrise.com', path: '/' })),
  web('babbel', CO, 8, (r) => ({ title: r.pick([`Babbel - ${r.pick(['Lektion 4', 'Review', 'Spanisch lernen'])}`, `Learn ${r.pick(['Spanish', 'French', 'Italian', 'German'])} online with Babbel`, 'Babbel – Language learning lessons']), host: 'my.babbel.com', path: '/' })),
  web('busuu', CO, 5, (r) => ({ title: r.pick(['Busuu', 'Busuu | Learn a language online', `${r.pick(['Lesson', 'Review', 'Vocabulary'])} - Busuu`]), host: 'www.busuu.com', path: '/dashboard' })),
  web('frontend-masters', CO, 8, (r) => ({ title: `${r.pick(['Complete Intro to React', 'JavaScript: The Hard Parts', 'Rust for TypeScript Developers'])} | Frontend Masters`, host: 'frontendmasters.com', path: '/courses/' })),
  web('egghead', CO, 5, (r) => ({ title: `${r.pick(['Build a REST API', 'Intro to Svelte'])} | egghead.io`, host: 'egghead.io', path: '/courses/' })),
  web('openclassrooms', CO, 8, (r) => ({ title: `${r.pick(['Apprenez à programmer en Python', 'Débutez avec le langage SQL'])} - OpenClassrooms`, host: 'openclassrooms.com', path: '/fr/courses/' })),
  web('mit-ocw', CO, 10, (r) => ({ title: `Lecture ${r.int(1, 30)}: ${r.pick(['Eigenvalues', 'Dynamic Programming', 'Entropy'])} | ${r.pick(['Linear Algebra', 'Introduction to Algorithms'])} | Mathematics | MIT OpenCourseWare`, host: 'ocw.mit.edu', path: '/courses/' })),
  web('stepik', CO, 5, (r) => ({ title: `${r.pick(['Программирование на Python', 'Introduction to Statistics'])} — Stepik`, host: 'stepik.org', path: '/lesson/' })),
  web('exercism', CO, 8, (r) => ({ title: `${r.pick(['Two Fer', 'Bob', 'Hamming', 'Raindrops'])} in ${r.pick(['Rust', 'Elixir', 'Go'])} on Exercism`, host: 'exercism.org', path: '/tracks/' })),
  native('rosetta-stone', CO, 5, ['Rosetta Stone', 'RosettaStone.exe'], (r) => r.pick(['Rosetta Stone', `Rosetta Stone - ${r.pick(['Unit 2, Lesson 1', 'Core Lesson', 'Pronunciation'])}`])),
  web('lingq', CO, 5, (r) => ({ title: `${r.pick(['Lesson', 'Library', 'Vocabulary review'])} - LingQ | Learn a language`, host: 'www.lingq.com', path: '/learn/' })),
  web('clozemaster', CO, 4, (r) => ({ title: `Clozemaster - ${r.pick(['Learn Spanish', 'Fluency Fast Track', 'Review'])}`, host: 'www.clozemaster.com', path: '/play' })),
  web('chegg', CO, 6, (r) => ({ title: `Solved: ${r.pick(['Find the derivative of', 'A 5 kg block slides down', 'Balance the following equation'])} | Chegg.com`, host: 'www.chegg.com', path: '/homework-help/' })),
  web('sololearn', CO, 5, () => ({ title: 'Sololearn: Learn to Code', host: 'www.sololearn.com', path: '/learn/' })),
];

export const reading: Source[] = [
  mixed('kindle', 30, [
    [2, (r) => ({ app: r.pick(['Kindle.exe', 'Kindle', 'Amazon Kindle']), title: r.pick([`${book(r)[0]} - Kindle`, 'Kindle', `Kindle - ${book(r)[0]}`, `${book(r)[0]} - ${chapter(r)} - Kindle`, `${rw(r)} - Kindle`]), categoryId: RE })],
    [1, (r) => ({ ...visit(r, { title: r.pick(['Kindle', `Kindle Cloud Reader - ${book(r)[0]}`]), host: 'read.amazon.com', path: '/' }), categoryId: RE })],
  ]),
  native('apple-books', RE, 14, ['Books'], (r) => r.pick([book(r)[0], 'Library', `${book(r)[0]} — ${book(r)[1]}`, `${book(r)[0]} — ${chapter(r)}`])),
  native('calibre', RE, 14, ['calibre.exe', 'calibre', 'ebook-viewer.exe'], (r) => r.pick([`${book(r)[0]} — E-book viewer`, 'calibre - || Calibre Library ||', `${book(r)[0]} - ${book(r)[1]}`])),
  native('kobo', RE, 6, ['Kobo.exe', 'Kobo Desktop Edition'], (r) => r.pick(['Kobo Desktop Edition', `${book(r)[0]} - Kobo`, `${book(r)[0]} - ${chapter(r)}`])),
  native('readest', RE, 5, ['Readest', 'readest.exe'], (r) => `${book(r)[0]} — ${r.pick([chapter(r), book(r)[1]])}`),
  native('thorium', RE, 5, ['Thorium Reader', 'Thorium.exe'], (r) => `${book(r)[0]} - ${book(r)[1]}`),
  native('libby', RE, 5, ['Libby'], (r) => r.pick(['Libby', `${book(r)[0]} - Libby`, `Shelf - Libby`])),
  native('sumatra', RE, 10, ['SumatraPDF.exe'], (r) => `${slug(book(r)[0])}.epub - SumatraPDF`),
  native('foliate', RE, 6, ['foliate', 'com.github.johnfactotum.Foliate'], (r) => book(r)[0]),
  native('adobe-digital-editions', RE, 5, ['DigitalEditions.exe', 'Adobe Digital Editions'], (r) => `Adobe Digital Editions - ${book(r)[0]}`),
  native('audible', RE, 6, ['Audible'], (r) => r.pick([`${book(r)[0]} - Audible`, `${book(r)[0]} by ${book(r)[1]} - ${chapter(r)}`])),
  web('medium', RE, 45, (r) => ({ title: r.pick([`${article(r)} | by ${person(r)} | Medium`, `${article(r)} | by ${person(r)} | ${r.pick(['Towards Data Science', 'The Startup', 'Better Programming', 'UX Collective'])} | Medium`, `${article(r)}. ${r.int(3, 20)} min read | Medium`]), host: r.pick(['medium.com', 'towardsdatascience.com']), path: `/@user/${slug(article(r))}-${r.hex(12)}` })),
  web('substack', RE, 30, (r) => ({ title: `${article(r)} - by ${person(r)} - ${r.pick(['The Pragmatic Engineer', 'Astral Codex Ten', 'Slow Boring', 'Lenny’s Newsletter', 'Noahpinion'])}`, host: `${r.pick(['newsletter', 'astralcodexten', 'noahpinion', 'lenny'])}.substack.com`, path: `/p/${slug(article(r))}` })),
  web('devto', RE, 18, (r) => ({ title: `${article(r)} - DEV Community`, host: 'dev.to', path: `/user/${slug(article(r))}` })),
  web('hashnode', RE, 6, (r) => ({ title: `${article(r)}`, host: `${r.pick(['blog', 'engineering'])}.hashnode.dev`, path: `/${slug(article(r))}` })),
  web('pocket', RE, 8, (r) => ({ title: r.pick(['Pocket', `${article(r)} | Pocket`, `${rw(r)} | Pocket`]), host: 'getpocket.com', path: '/saves' })),
  web('instapaper', RE, 6, (r) => ({ title: `${article(r)} — Instapaper`, host: 'www.instapaper.com', path: '/read/' })),
  web('goodreads', RE, 18, (r) => {
    const [t, a] = book(r);
    return { title: r.pick([`${t} by ${a} | Goodreads`, 'Goodreads | Meet your next favorite book', `Want to Read | Goodreads`]), host: 'www.goodreads.com', path: `/book/show/${r.digits(7)}` };
  }),
  web('wikipedia', RE, 50, (r) => {
    const lang = r.pick(['en', 'en', 'en', 'de', 'fr', 'es', 'ja']);
    const t = r.pick(WIKI_TOPICS);
    const suffix = lang === 'de' ? ' – Wikipedia' : lang === 'fr' ? ' — Wikipédia' : lang === 'es' ? ' - Wikipedia, la enciclopedia libre' : lang === 'ja' ? ' - Wikipedia' : ' - Wikipedia';
    return { title: `${t}${suffix}`, host: `${lang}.wikipedia.org`, path: `/wiki/${encodeURIComponent(t.replace(/ /g, '_'))}` };
  }),
  web('britannica', RE, 12, (r) => ({ title: `${r.pick(WIKI_TOPICS)} | ${r.pick(['History, Facts, & Significance', 'Definition, History, & Facts', 'Biography & Facts'])} | Britannica`, host: 'www.britannica.com', path: `/topic/${slug(r.pick(WIKI_TOPICS))}` })),
  web('wikiwand', RE, 6, (r) => ({ title: `${r.pick(WIKI_TOPICS)} - Wikiwand`, host: 'www.wikiwand.com', path: `/en/articles/${slug(r.pick(WIKI_TOPICS))}` })),
  web('history-com', RE, 6, (r) => ({ title: `${r.pick(WIKI_TOPICS)}: ${r.pick(['Definition, Timeline & Facts', 'Facts & Summary'])} | HISTORY`, host: 'www.history.com', path: '/topics/' })),
  web('larousse', RE, 4, (r) => ({ title: `${r.pick(WIKI_TOPICS)} - Encyclopédie Larousse`, host: 'www.larousse.fr', path: '/encyclopedie/' })),
  web('newworld-encyclopedia', RE, 4, (r) => ({ title: `${r.pick(WIKI_TOPICS)} - New World Encyclopedia`, host: 'www.newworldencyclopedia.org', path: '/entry/' })),
  web('paulgraham', RE, 10, (r) => ({ title: r.pick(['How to Do Great Work', 'Do Things that Don\'t Scale', 'The Bus Ticket Theory of Genius', 'Superlinear Returns']), host: 'paulgraham.com', path: '/greatwork.html' })),
  web('waitbutwhy', RE, 6, (r) => ({ title: `${r.pick(['The AI Revolution', 'Why Procrastinators Procrastinate', 'The Fermi Paradox'])} — Wait But Why`, host: 'waitbutwhy.com', path: '/2015/01/' })),
  web('personal-blogs', RE, 30, (r) => ({ title: r.pick([`${article(r)} — ${r.pick(['Julia Evans', 'Dan Luu', 'Simon Willison’s Weblog', 'Overreacted', 'Kottke', 'Farnam Street'])}`, `${article(r)} | ${r.pick(['Blog', 'Essays', 'Journal', 'Notes'])}`, `${article(r)} – ${person(r)}’s blog`]), host: r.pick(['jvns.ca', 'danluu.com', 'simonwillison.net', 'overreacted.io', 'kottke.org', 'fs.blog']), path: `/blog/${slug(article(r))}/` })),
  web('gutenberg', RE, 10, (r) => {
    const [t, a] = book(r);
    return { title: `The Project Gutenberg eBook of ${t}, by ${a}`, host: 'www.gutenberg.org', path: `/files/${r.digits(5)}/` };
  }),
  web('archive-org', RE, 8, (r) => ({ title: `${book(r)[0]} : ${book(r)[1]} : Free Download, Borrow, and Streaming : Internet Archive`, host: 'archive.org', path: '/details/' })),
  web('scribd', RE, 6, (r) => ({ title: `${book(r)[0]} | PDF`, host: 'www.scribd.com', path: '/document/' })),
  web('wattpad', RE, 10, (r) => ({ title: `${r.pick(['The Bad Boy’s Girl', 'Moonlight Academy', 'Lost in Tokyo'])} - Chapter ${r.int(1, 60)} - Wattpad`, host: 'www.wattpad.com', path: `/${r.digits(9)}-chapter` })),
  web('ao3', RE, 8, (r) => ({ title: `${r.pick(['Starlight', 'The Long Way Home', 'Paper Cranes'])} - ${r.pick(['Chapter 3', 'Chapter 12'])} - ${r.pick(['Harry Potter - J. K. Rowling', 'Star Wars', 'Good Omens'])} [Archive of Our Own]`, host: 'archiveofourown.org', path: '/works/' })),
  web('readwise', RE, 6, (r) => ({ title: `${article(r)} | Reader`, host: 'read.readwise.io', path: '/read/' })),
  web('longreads', RE, 5, (r) => ({ title: `${article(r)} | Longreads`, host: 'longreads.com', path: '/2024/' })),
  web('aeon', RE, 6, (r) => ({ title: `${article(r)} | Aeon Essays`, host: 'aeon.co', path: '/essays/' })),
  web('ghost-blogs', RE, 10, (r) => ({ title: `${article(r)}`, host: r.pick(['thebrowser.com', 'themarginalian.org', 'www.newyorker.com', 'nautil.us', 'psyche.co']), path: `/${slug(article(r))}` })),
  web('kindle-store-reader', RE, 5, (r) => ({ title: `${book(r)[0]} (${chapter(r)}) - Google Play Books`, host: 'play.google.com', path: '/books/reader' })),
  web('quanta', RE, 6, (r) => ({ title: `${r.pick(['A New Proof Smooths Out the Math of Melting', 'How Does the Brain Store Memories?'])} | Quanta Magazine`, host: 'www.quantamagazine.org', path: '/' })),
];
