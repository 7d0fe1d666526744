/** Thrown by the engine constructor for an invalid ruleset; the message names the offending id. */
export class RulesetError extends Error {
  override readonly name = 'RulesetError';

  constructor(
    message: string,
    readonly ruleId?: string,
    readonly categoryId?: string,
  ) {
    super(message);
  }
}
