import { AW_DEFAULT_COLOR, CategoryDef, ClassifierEngine, HEX_COLOR, normalizeApp, RULE_KINDS, RuleDef, RulesetError, slugify } from '@lib/classifier-engine';
import { CorrectionDef, invalidInput, PRODUCTIVE_BOARD, questionProblem, TOTAL_BOARD } from '@lib/contracts';

/*
 * Validation of rules and categories coming from outside (API, imports). Every error is a 400
 * whose message starts with the field path (`rules[3].pattern …`) and whose details name it.
 */

const LIMITS = { id: 200, pattern: 1000, appFilter: 256, name: 100, priority: 1_000_000 };
// No leading/trailing whitespace, no control characters, no leading '$' (a Mongo operator).
const ID = /^(?!\$)\S(?:[^\u0000-\u001f]*\S)?$/;
/** Storage fields an exported rule carries; accepted and ignored on import. */
const IGNORED_FIELDS = new Set(['createdAt', 'updatedAt']);
const RULE_FIELDS = new Set(['id', 'kind', 'pattern', 'categoryId', 'priority', 'override', 'appFilter', 'matchApp']);
const CATEGORY_FIELDS = new Set(['id', 'name', 'parentId', 'color', 'productive']);

type Fields = Record<string, unknown>;

/**
 * Board ids the pipeline keeps beside the categories'. A category with one of them shared that
 * board: its own board showed everyone's total time and summaries listed it as a category.
 */
const BOARD_IDS: ReadonlyMap<string, string> = new Map([
  [TOTAL_BOARD, 'the board of all tracked time'],
  [PRODUCTIVE_BOARD, 'the board of productive time'],
]);

function asObject(raw: unknown, path: string): Fields {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidInput(path || 'body', 'must be an object');
  return raw as Fields;
}

function rejectUnknown(fields: Fields, known: Set<string>, path: string): void {
  for (const key of Object.keys(fields)) {
    if (!known.has(key) && !IGNORED_FIELDS.has(key)) throw invalidInput(`${path}${key}`, 'is not a known field');
  }
}

function parseId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.id || !ID.test(value)) {
    throw invalidInput(field, `must be a string of 1 to ${LIMITS.id} characters without control characters, surrounding spaces or a leading '$'`);
  }
  return value;
}

/** Absent and null both mean "not set" (null is how a patch removes an optional field). */
export const isUnset = (value: unknown): value is undefined | null => value === undefined || value === null;

/**
 * Field-level checks of a rule: types, sizes, kind-specific fields and a known category. The
 * pattern itself (regex syntax, domain form) is checked by checkRulePattern.
 */
export function parseRule(raw: unknown, options: { path?: string; categoryIds: ReadonlySet<string>; requireId: boolean }): Omit<RuleDef, 'id'> & { id?: string } {
  const path = options.path ?? '';
  const fields = asObject(raw, path);
  rejectUnknown(fields, RULE_FIELDS, path);
  const rule: Omit<RuleDef, 'id'> & { id?: string } = { kind: 'app', pattern: '', categoryId: '' };

  if (!isUnset(fields.id)) rule.id = parseId(fields.id, `${path}id`);
  else if (options.requireId) throw invalidInput(`${path}id`, 'is required');

  if (!RULE_KINDS.includes(fields.kind as RuleDef['kind'])) throw invalidInput(`${path}kind`, `must be one of ${RULE_KINDS.join(', ')}`);
  rule.kind = fields.kind as RuleDef['kind'];

  if (typeof fields.pattern !== 'string' || fields.pattern.trim().length === 0) throw invalidInput(`${path}pattern`, 'must be a non-empty string');
  if (fields.pattern.length > LIMITS.pattern) throw invalidInput(`${path}pattern`, `must be at most ${LIMITS.pattern} characters`);
  rule.pattern = fields.pattern;

  if (typeof fields.categoryId !== 'string' || fields.categoryId.length === 0) throw invalidInput(`${path}categoryId`, 'must be a non-empty string');
  if (!options.categoryIds.has(fields.categoryId)) throw invalidInput(`${path}categoryId`, `"${fields.categoryId}" is not a known category`);
  rule.categoryId = fields.categoryId;

  if (!isUnset(fields.priority)) {
    if (typeof fields.priority !== 'number' || !Number.isFinite(fields.priority) || Math.abs(fields.priority) > LIMITS.priority) {
      throw invalidInput(`${path}priority`, `must be a number between -${LIMITS.priority} and ${LIMITS.priority}`);
    }
    rule.priority = fields.priority;
  }
  if (!isUnset(fields.override)) {
    if (typeof fields.override !== 'boolean') throw invalidInput(`${path}override`, 'must be a boolean');
    rule.override = fields.override;
  }
  const titleRule = rule.kind === 'title-keyword' || rule.kind === 'title-regex';
  if (!isUnset(fields.appFilter)) {
    if (!titleRule) throw invalidInput(`${path}appFilter`, 'is only allowed on title-keyword and title-regex rules');
    if (typeof fields.appFilter !== 'string' || fields.appFilter.trim().length === 0 || fields.appFilter.length > LIMITS.appFilter) {
      throw invalidInput(`${path}appFilter`, `must be an app name of 1 to ${LIMITS.appFilter} characters`);
    }
    // Checked here, not only by the engine, whose refusal checkRulePattern reports against pattern.
    if (normalizeApp(fields.appFilter).length === 0) throw invalidInput(`${path}appFilter`, `"${fields.appFilter}" names no app once ".exe"/".app" and whitespace are dropped`);
    rule.appFilter = fields.appFilter;
  }
  if (!isUnset(fields.matchApp)) {
    if (rule.kind !== 'title-regex') throw invalidInput(`${path}matchApp`, 'is only allowed on title-regex rules');
    if (typeof fields.matchApp !== 'boolean') throw invalidInput(`${path}matchApp`, 'must be a boolean');
    rule.matchApp = fields.matchApp;
  }
  return rule;
}

/** Compiles the rule alone, so a bad regex or domain is reported against its own field. */
export function checkRulePattern(rule: RuleDef, categories: CategoryDef[], path = ''): void {
  try {
    new ClassifierEngine({ version: 0, categories, rules: [rule] });
  } catch (error) {
    if (error instanceof RulesetError) throw invalidInput(`${path}pattern`, withoutPrefix(error.message));
    throw error;
  }
}

export interface CategoryDefaults {
  /** The parent's color and flag, used when the input leaves them out; without it they are required. */
  parent?: CategoryDef;
}

/**
 * Field-level checks of a category. Without an id, it derives from the parent and the name
 * (`work:deep-work`). Hierarchy problems (unknown parent, cycles) are found by checkTaxonomy.
 */
export function parseCategory(raw: unknown, options: { path?: string; lenientDefaults?: CategoryDefaults }): CategoryDef {
  const path = options.path ?? '';
  const fields = asObject(raw, path);
  rejectUnknown(fields, CATEGORY_FIELDS, path);

  if (typeof fields.name !== 'string' || fields.name.trim().length === 0 || fields.name.length > LIMITS.name) {
    throw invalidInput(`${path}name`, `must be a non-empty string of at most ${LIMITS.name} characters`);
  }
  const name = fields.name.trim();
  let parentId: string | undefined;
  if (!isUnset(fields.parentId)) {
    if (typeof fields.parentId !== 'string' || fields.parentId.length === 0) throw invalidInput(`${path}parentId`, 'must be a category id');
    parentId = fields.parentId;
  }

  let id: string;
  if (!isUnset(fields.id)) {
    id = parseId(fields.id, `${path}id`);
    const board = BOARD_IDS.get(id);
    if (board) throw invalidInput(`${path}id`, `"${id}" is the id of ${board}: choose another id`);
  } else {
    const slug = slugify(name);
    if (slug.length === 0) throw invalidInput(`${path}name`, 'needs a letter or digit to derive an id from');
    id = parentId === undefined ? slug : `${parentId}:${slug}`;
    // Held to the limit of a given id: past it the category was created but refused every PATCH.
    if (id.length > LIMITS.id) throw invalidInput(`${path}name`, `gives the id "${id.slice(0, 40)}…" of ${id.length} characters, more than ${LIMITS.id}: give a shorter name or an id`);
    const board = BOARD_IDS.get(id);
    if (board) throw invalidInput(`${path}name`, `gives the id "${id}", the id of ${board}: give another name or an id`);
  }

  const defaults = options.lenientDefaults;
  let color: string;
  if (!isUnset(fields.color)) {
    if (typeof fields.color !== 'string' || !HEX_COLOR.test(fields.color)) throw invalidInput(`${path}color`, 'must be a hex color like #1E88E5');
    color = fields.color;
  } else if (defaults) {
    color = defaults.parent?.color ?? AW_DEFAULT_COLOR;
  } else {
    throw invalidInput(`${path}color`, 'is required');
  }

  let productive: boolean;
  if (!isUnset(fields.productive)) {
    if (typeof fields.productive !== 'boolean') throw invalidInput(`${path}productive`, 'must be a boolean');
    productive = fields.productive;
  } else if (defaults) {
    productive = defaults.parent?.productive ?? false;
  } else {
    throw invalidInput(`${path}productive`, 'is required');
  }

  return { id, name, ...(parentId !== undefined ? { parentId } : {}), color, productive };
}

/**
 * Builds the taxonomy to find id, parent and cycle problems. `pathOf` maps a category id to
 * the field path of the input it came from.
 */
export function checkTaxonomy(categories: CategoryDef[], pathOf: (categoryId: string) => string): void {
  try {
    new ClassifierEngine({ version: 0, categories, rules: [] });
  } catch (error) {
    if (!(error instanceof RulesetError)) throw error;
    const reason = withoutPrefix(error.message);
    const field = /parent/.test(reason) ? 'parentId' : 'id';
    // The engine's "id must be …" would read "id id must be …" after the field.
    throw invalidInput(`${pathOf(error.categoryId ?? '')}${field}`, reason.replace(/^id /, ''));
  }
}

/** `Invalid rule "x": reason` → `reason`: the field path already says which one. */
function withoutPrefix(message: string): string {
  return message.replace(/^Invalid (?:rule|category) "[^"]*": /, '');
}

/** Applies a partial update: present fields replace, null removes, `id` cannot change. */
export function applyPatch<T extends { id: string }>(current: T, patch: unknown): Fields {
  const fields = asObject(patch, '');
  if (!isUnset(fields.id) && fields.id !== current.id) throw invalidInput('id', 'cannot be changed (create a new one and delete this one)');
  const merged: Fields = { ...current };
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/**
 * A list's `categoryId` filter: undefined when absent or empty, else a category that exists (a
 * misspelt one matched nothing, and the empty page read as a category without any).
 */
export function parseCategoryFilter(categoryId: unknown, categories: readonly CategoryDef[]): string | undefined {
  if (categoryId === undefined || categoryId === null || categoryId === '') return undefined;
  if (typeof categoryId !== 'string') throw invalidInput('categoryId', 'must be a string');
  if (!categories.some((c) => c.id === categoryId)) throw invalidInput('categoryId', `"${categoryId}" is not a known category (GET /v1/categories lists them)`);
  return categoryId;
}

/**
 * A correction from outside: a question (app, title?, url?) and a categoryId, checked as a PUT and
 * an import check it. `path` prefixes the fields named in errors (`corrections[2]`; none for a
 * request's own body); `otherFields` are the request's own fields beside it (a PUT's `eventId`).
 */
export function parseCorrection(raw: unknown, path = '', otherFields: readonly string[] = []): CorrectionDef {
  const fieldOf = (name: string) => (path ? (name ? `${path}.${name}` : path) : name || 'body');
  const problem = questionProblem(raw, ['categoryId', ...otherFields]);
  if (problem) throw invalidInput(fieldOf(problem.field), problem.reason);
  const { app, title, url, categoryId } = raw as Record<string, unknown>;
  if (typeof categoryId !== 'string' || categoryId.length === 0) throw invalidInput(fieldOf('categoryId'), 'must be a category id');
  return { app: app as string, ...(title ? { title: title as string } : {}), ...(url ? { url: url as string } : {}), categoryId };
}
