import { Rng } from './rng';

/** One generated record. */
export interface Rec {
  app: string;
  title: string;
  url?: string;
}
export interface LabelledRec extends Rec {
  categoryId: string;
}

/** An app or site "brand": all its examples share a split group. */
export interface Source {
  group: string;
  /** Examples to generate. */
  count: number;
  gen: (r: Rng) => LabelledRec;
}

export interface Page {
  title: string;
  host: string;
  /** Path with leading slash, query included. */
  path?: string;
}

interface Browser {
  apps: string[];
  suffixes: string[];
  weight: number;
}

const BROWSERS: Browser[] = [
  { apps: ['chrome.exe', 'Google Chrome', 'chrome', 'google-chrome'], suffixes: [' - Google Chrome'], weight: 40 },
  { apps: ['msedge.exe', 'Microsoft Edge'], suffixes: [' - Microsoft Edge', ' - Personal - Microsoft Edge', ' - Work - Microsoft\u200b Edge', ' and 2 more pages - Personal - Microsoft Edge'], weight: 14 },
  { apps: ['firefox.exe', 'Firefox', 'firefox'], suffixes: [' — Mozilla Firefox', ' - Mozilla Firefox', ' — Firefox Developer Edition'], weight: 15 },
  { apps: ['Safari'], suffixes: [''], weight: 10 },
  { apps: ['brave.exe', 'Brave Browser'], suffixes: [' - Brave'], weight: 6 },
  { apps: ['opera.exe', 'Opera', 'Opera GX'], suffixes: [' - Opera'], weight: 3 },
  { apps: ['Arc'], suffixes: [''], weight: 4 },
  { apps: ['vivaldi.exe', 'Vivaldi'], suffixes: [' - Vivaldi'], weight: 2 },
  { apps: ['chromium', 'Chromium'], suffixes: [' - Chromium'], weight: 2 },
  { apps: ['zen.exe', 'Zen Browser'], suffixes: [' — Zen Browser'], weight: 1 },
  { apps: ['browser.exe', 'Yandex'], suffixes: [' — Yandex Browser'], weight: 1 },
];
const BROWSER_WEIGHTS = BROWSERS.map((b) => [b, b.weight] as const);

/** A page visit in a random browser: browser title suffix sometimes, URL most of the time. */
export function visit(r: Rng, page: Page, urlProbability = 0.8): Rec {
  const browser = r.weighted(BROWSER_WEIGHTS);
  const app = r.pick(browser.apps);
  const suffix = r.chance(0.55) ? r.pick(browser.suffixes) : '';
  const rec: Rec = { app, title: page.title + suffix };
  if (r.chance(urlProbability)) rec.url = `https://${page.host}${page.path ?? '/'}`;
  return rec;
}

/** A website: every example is a visit to one of its pages. */
export function web(group: string, categoryId: string, count: number, page: (r: Rng) => Page, urlProbability = 0.8): Source {
  return { group, count, gen: (r) => ({ ...visit(r, page(r), urlProbability), categoryId }) };
}

/** A native app: one of its process names, a generated window title. */
export function native(group: string, categoryId: string, count: number, apps: readonly string[], title: (r: Rng) => string): Source {
  return { group, count, gen: (r) => ({ app: r.pick(apps), title: title(r), categoryId }) };
}

/** An app or site used for several categories; the title (or URL) decides. */
export function mixed(group: string, count: number, variants: ReadonlyArray<readonly [number, (r: Rng) => LabelledRec]>): Source {
  const weighted = variants.map(([w, gen]) => [gen, w] as const);
  return { group, count, gen: (r) => r.weighted(weighted)(r) };
}

/** Title-cases the first letter. */
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
