/** The uploaded file itself is unusable (bad header, not JSON…): the job fails at once, retrying cannot help. */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
}
