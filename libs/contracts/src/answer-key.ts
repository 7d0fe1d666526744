import { createHash } from 'node:crypto';
import { FALLBACK_CATEGORY_ID, normalizeApp, normalizeTitle, normalizeUrl } from '@lib/classifier-engine';
import type { Rejection } from './activity-event';

/** What an answer is about: one (app, title, url) question as events carry it. */
export interface AnswerQuestion {
  app: string;
  title?: string;
  url?: string;
}

/**
 * The question in the engine's normalized forms: spellings that the rules cannot tell apart
 * ("Code.exe" / "code", "https://www.x.com/A?q=1" / "x.com/a") share one answer.
 * Empty strings stand for "absent" (and for URLs without a usable host).
 */
export interface NormalizedQuestion {
  app: string;
  host: string;
  path: string;
  title: string;
}

export function normalizeQuestion(question: AnswerQuestion): NormalizedQuestion {
  const url = question.url ? normalizeUrl(question.url) : null;
  return {
    app: normalizeApp(question.app ?? ''),
    host: url?.host ?? '',
    path: url?.path ?? '',
    title: question.title ? normalizeTitle(question.title) : '',
  };
}

/**
 * Document key of a known answer (`classification_answers._id`): a SHA-256 of the normalized
 * fields, so neither a URL nor a title ever becomes a key, and every app (classification,
 * inference, corrections) finds the same answer for the same question.
 */
export function answerKey(question: AnswerQuestion): string {
  return normalizedAnswerKey(normalizeQuestion(question));
}

export function normalizedAnswerKey(q: NormalizedQuestion): string {
  return createHash('sha256').update(`${q.app}\u0000${q.host}\u0000${q.path}\u0000${q.title}`).digest('hex');
}

/** What `answersItsQuestion` reads of a stored answer. */
export interface AnswerStanding {
  categoryId: string;
  source: string;
  rulesetVersion: number;
}

/**
 * Whether a stored answer answers its question while `taxonomyVersion` is the version of the last
 * change to the categories: a person's (manual) always, a model's or an LLM's of a real category
 * always, one of the fallback category ("cannot tell") only if given since that change. A new
 * category may place the question, so after one it is asked once more; until then the same question
 * is not paid twice (a frequent "New Tab" costs one store read per event, not the model and the
 * LLM). Rules and corrections change nothing the model or the LLM can answer: until 2026-11-25 any
 * new ruleset version, a rule added or a correction made, sent every such question to them again.
 * The one rule every reader of the store applies.
 */
export function answersItsQuestion(answer: AnswerStanding, taxonomyVersion: number): boolean {
  return answer.source === 'manual' || answer.categoryId !== FALLBACK_CATEGORY_ID || answer.rulesetVersion >= taxonomyVersion;
}

/** Same bounds as events (envelope-validation.ts). */
export const QUESTION_LIMITS = { app: 256, title: 2048, url: 4096 } as const;

const QUESTION_FIELDS: readonly string[] = ['app', 'title', 'url'];

/**
 * The first problem of a question from outside (field relative to it), or null when usable.
 * `otherFields` are the request's own fields beside the question (a correction's `categoryId`);
 * any other field is a problem rather than ignored: a misspelt `URL` would otherwise ask (or
 * correct) another question than the one meant.
 */
export function questionProblem(raw: unknown, otherFields: readonly string[] = []): { field: string; reason: string } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { field: '', reason: 'must be an object with app, title and url' };
  const q = raw as Record<string, unknown>;
  const unknown = Object.keys(q).find((key) => !QUESTION_FIELDS.includes(key) && !otherFields.includes(key));
  if (unknown !== undefined) return { field: unknown, reason: `is not a known field (known: ${[...QUESTION_FIELDS, ...otherFields].join(', ')})` };
  if (typeof q.app !== 'string' || q.app.trim().length === 0) return { field: 'app', reason: 'must be a non-empty string' };
  for (const field of ['app', 'title', 'url'] as const) {
    const value = q[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return { field, reason: 'must be a string' };
    if (value.length > QUESTION_LIMITS[field]) return { field, reason: `must be at most ${QUESTION_LIMITS[field]} characters` };
  }
  return null;
}

/** Names a whole item that is not a question, as ingestion names a whole event `(event)`. */
export const WHOLE_ITEM = '(item)';

/**
 * A request's items sorted into the questions to answer, each with its index, and the refused
 * ones, each naming its index, field and reason: one bad item does not keep the others unanswered.
 */
export function sortQuestions(items: readonly unknown[]): { questions: Array<{ index: number; question: AnswerQuestion }>; rejected: Rejection[] } {
  const questions: Array<{ index: number; question: AnswerQuestion }> = [];
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    const problem = questionProblem(item);
    if (problem) rejected.push({ index, field: problem.field || WHOLE_ITEM, reason: problem.reason });
    else questions.push({ index, question: item as AnswerQuestion });
  });
  return { questions, rejected };
}
