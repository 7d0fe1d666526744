import { idProblem, MAX_EVENTS_PER_BATCH } from './activity-event';
import { invalidInput } from './rpc';

/*
 * Parameters every app reads the same way, from a query string (text), a path, a JSON body or
 * GraphQL arguments: absent, null or empty is the default, anything else is checked, and a bad
 * value is a 400 naming the parameter (invalidInput).
 */

/** One of `choices`; absent: `fallback`. */
export function parseChoice<T extends string, F extends T | undefined>(value: unknown, field: string, choices: readonly T[], fallback: F): T | F {
  if (value === undefined || value === null || value === '') return fallback;
  if (!choices.includes(value as T)) throw invalidInput(field, `must be one of ${choices.join(', ')}`);
  return value as T;
}

export interface IntegerRange {
  min: number;
  max: number;
  /** Without one the parameter is required. */
  fallback?: number;
  /** What the number stands for, added to the message when it is not obvious. */
  meaning?: string;
}

/** `value` as a user (or event) id (USER_ID), else a 400 naming `field` and what is wrong with it. */
export function parseUserId(value: unknown, field = 'userId'): string {
  return parseId(value, field, 'a user id');
}

/**
 * `value` as an event id (the characters of a user id: ingestion takes no other), else a 400: an id
 * no event can have would otherwise be looked up and answered "not stored (yet)", as if it might be.
 */
export function parseEventId(value: unknown, field = 'eventId'): string {
  return parseId(value, field, 'an event id');
}

function parseId(value: unknown, field: string, kind: string): string {
  if (typeof value !== 'string') throw invalidInput(field, `must be ${kind} (a string)`);
  const problem = idProblem(value);
  if (problem !== undefined) throw invalidInput(field, problem);
  return value;
}

/** An integer from `min` to `max`, given as a number or as its text (a query string's). */
export function parseInteger(value: unknown, field: string, { min, max, fallback, meaning }: IntegerRange): number {
  if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback;
  // Decimal digits only: Number() reads blanks as 0, '0x10' as 16 and '1e1' as 10.
  const n = typeof value === 'string' ? (/^-?\d+$/.test(value) ? Number(value) : NaN) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw invalidInput(field, `must be an integer from ${min} to ${max}${meaning ? ` (${meaning})` : ''}`);
  }
  return n;
}

/** The events of a submission (REST, GraphQL): a list of 1 to MAX_EVENTS_PER_BATCH, each validated on its own afterwards. */
export function eventBatchOf(events: unknown): unknown[] {
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_EVENTS_PER_BATCH) {
    throw invalidInput('events', `must be an array of 1 to ${MAX_EVENTS_PER_BATCH} events`);
  }
  return events;
}
