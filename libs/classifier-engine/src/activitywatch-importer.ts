import { compileTitleRegex } from './rule-compiler';
import { CategoryDef, RuleDef } from './ruleset.types';

export interface ActivityWatchImport {
  categories: CategoryDef[];
  rules: RuleDef[];
  warnings: string[];
}

export const AW_DEFAULT_COLOR = '#9E9E9E';

/** The colors categories take (`#1E88E5`, `#0F0`): the API refuses others, so an import must too. */
export const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

interface PendingCategory {
  def: CategoryDef;
  /** Color given in the export; without one a category inherits its nearest ancestor's. */
  color?: string;
  /** Listed in the export (as opposed to a parent we had to create). */
  explicit: boolean;
  /** Creation order: a parent is always created before its children. */
  order: number;
}

/**
 * Converts an aw-webui category export (`{ categories: [...] }`, the aw-server settings form
 * `{ classes: [...] }`, or a bare array) into our hierarchy and rules.
 *
 * - `name: ['Work', 'Programming']` becomes id `work:programming` (slugified, ':'-joined);
 *   missing parents are created (not productive, inherited color).
 * - `rule.type: 'regex'` becomes a `title-regex` rule with `matchApp: true`, because
 *   ActivityWatch tests its regexes against both the window title and the app name. Python-only
 *   syntax `(?i)` and `(?P<name>…)` is translated; a regex JS cannot compile becomes a warning
 *   and only the rule is dropped (the category is kept).
 * - ActivityWatch picks the deepest matching category; rules get `priority = depth - 1` to keep
 *   that behaviour.
 * - `productive` is `data.score > 0` (false without a score); color is `data.color`, else the
 *   nearest ancestor's, else AW_DEFAULT_COLOR.
 *
 * Never throws on bad input: problems are returned as warnings.
 */
export function importActivityWatchCategories(json: unknown): ActivityWatchImport {
  const warnings: string[] = [];
  const entries = categoryEntries(json);
  if (entries === null) {
    warnings.push('Not an ActivityWatch category export: expected an array or { "categories": [...] }');
    return { categories: [], rules: [], warnings };
  }

  const pending = new Map<string, PendingCategory>();
  const rules: RuleDef[] = [];

  entries.forEach((entry, index) => {
    if (!isRecord(entry) || !Array.isArray(entry.name) || entry.name.length === 0) {
      warnings.push(`Category #${index}: "name" must be a non-empty array of strings; skipped`);
      return;
    }
    const names = entry.name.map((n: unknown) => (typeof n === 'string' ? n.trim() : ''));
    const slugs = names.map(slugify);
    const title = names.join(' > ');
    if (slugs.some((s) => s.length === 0)) {
      warnings.push(`Category #${index} "${title}": every name needs a letter or digit; skipped`);
      return;
    }
    const id = slugs.join(':');
    const existing = pending.get(id);
    if (existing?.explicit) {
      warnings.push(`Category "${title}": same id "${id}" as an earlier category; skipped`);
      return;
    }

    for (let depth = 1; depth < slugs.length; depth++) {
      const parentId = slugs.slice(0, depth).join(':');
      if (!pending.has(parentId)) {
        pending.set(parentId, {
          def: category(slugs, names, depth, false),
          explicit: false,
          order: pending.size,
        });
      }
    }
    const data = isRecord(entry.data) ? entry.data : {};
    // Stored as given, "red" or "#00ff0080" made the category refuse every later change (PATCH
    // checks the merged category) and its export refuse to import back.
    const color = typeof data.color === 'string' && data.color.length > 0 ? awColor(data.color) : undefined;
    if (color === null) warnings.push(`Category "${title}": color ${JSON.stringify(data.color)} is not a hex color like #1E88E5; it takes its parent's (${AW_DEFAULT_COLOR} at the top)`);
    pending.set(id, {
      def: category(slugs, names, slugs.length, typeof data.score === 'number' && data.score > 0),
      color: color ?? undefined,
      explicit: true,
      order: existing?.order ?? pending.size,
    });

    const rule = isRecord(entry.rule) ? entry.rule : {};
    if (rule.type === 'regex') {
      const rawRegex = rule.regex;
      if (typeof rawRegex !== 'string' || rawRegex.length === 0) {
        warnings.push(`Category "${title}": regex rule without a regex; rule skipped`);
        return;
      }
      const source = fromPythonRegex(rawRegex);
      const compiled = compileTitleRegex(source);
      if (typeof compiled === 'string') {
        warnings.push(`Category "${title}": ${compiled}; rule skipped`);
        return;
      }
      // ActivityWatch (aw-core's Rule) matches case-sensitively unless ignore_case is true; our title
      // regexes match in any case, so a regex relying on case ("Go") would match more here.
      // Letters outside escapes (`\d`, `\s`) are what case can change.
      const letters = source.replace(/\\./g, '');
      const caseSensitive = rule.ignore_case !== true && !/^\(\?i\)/.test(rawRegex) && letters.toLowerCase() !== letters.toUpperCase();
      if (caseSensitive) {
        const setting = rule.ignore_case === false ? 'false' : 'not set';
        warnings.push(`Category "${title}": ActivityWatch matches its regex case-sensitively (ignore_case ${setting}); it will be matched case-insensitively here`);
      }
      rules.push({
        id: `aw:${id}`,
        kind: 'title-regex',
        pattern: source,
        categoryId: id,
        priority: slugs.length - 1,
        matchApp: true,
      });
    } else if (rule.type !== undefined && rule.type !== null && rule.type !== 'none') {
      warnings.push(`Category "${title}": unsupported rule type ${JSON.stringify(rule.type)}; rule skipped`);
    }
  });

  const ordered = [...pending.values()].sort((a, b) => a.order - b.order);
  for (const { def, color } of ordered) {
    const parentColor = def.parentId === undefined ? undefined : pending.get(def.parentId)?.def.color;
    def.color = color ?? parentColor ?? AW_DEFAULT_COLOR;
  }
  return { categories: ordered.map((c) => c.def), rules, warnings };
}

/** A hex color; `#rrggbbaa` (a color picker's with alpha) loses its alpha; null when none. */
function awColor(raw: string): string | null {
  const color = raw.trim();
  if (HEX_COLOR.test(color)) return color;
  return /^#[0-9a-f]{8}$/i.test(color) ? color.slice(0, 7) : null;
}

/** Lower case, runs of anything but letters and digits → '-', trimmed of '-'. */
export function slugify(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function category(slugs: string[], names: string[], depth: number, productive: boolean): CategoryDef {
  const def: CategoryDef = {
    id: slugs.slice(0, depth).join(':'),
    name: names[depth - 1],
    color: AW_DEFAULT_COLOR,
    productive,
  };
  if (depth > 1) def.parentId = slugs.slice(0, depth - 1).join(':');
  return def;
}

/** Python `re` syntax used in ActivityWatch exports that JavaScript spells differently. */
function fromPythonRegex(source: string): string {
  return source
    .replace(/^\(\?i\)/, '') // our title regexes are always case-insensitive
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}

function categoryEntries(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (!isRecord(json)) return null;
  if (Array.isArray(json.categories)) return json.categories;
  if (Array.isArray(json.classes)) return json.classes;
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
