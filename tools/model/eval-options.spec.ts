import { UsageError } from '@lib/command-line';
import { readEvalOptions } from './eval-options';

describe('model:eval options', () => {
  it('takes a fraction as --min-accuracy and a count as --errors; by default no bar and no list', () => {
    expect(readEvalOptions(['--min-accuracy', '0.9', '--errors', '5'])).toMatchObject({ minAccuracy: 0.9, errorsShown: 5, json: false });
    expect(readEvalOptions([])).toMatchObject({ minAccuracy: 0, errorsShown: 0 });
  });

  // Before: --min-accuracy 95 ran the whole evaluation, then failed a bar no model can pass; --errors 2.5 listed 3 examples.
  it.each([
    ['--min-accuracy', '95', '--min-accuracy must be a number from 0 to 1, got "95"'],
    ['--errors', '2.5', '--errors must be a whole number from 0 to 100000, got "2.5"'],
    ['--errors=-1', undefined, '--errors must be a whole number from 0 to 100000, got "-1"'],
  ])('refuses %s %s before evaluating, naming the flag and its range', (flag, value, message) => {
    expect(() => readEvalOptions(value === undefined ? [flag] : [flag, value])).toThrow(new UsageError(message));
  });
});
