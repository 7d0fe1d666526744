/** What the pipeline needs to know of the taxonomy to place an event on boards. */
export interface TaxonomyView {
  ancestors(categoryId: string): string[];
  isProductive(categoryId: string): boolean;
}

export const TOTAL_BOARD = 'total';
export const PRODUCTIVE_BOARD = 'productive';

/** Every board an event of this category counts on: each level of its path, `productive` if so, `total`. */
export function boardsForCategory(taxonomy: TaxonomyView, categoryId: string): string[] {
  const path = taxonomy.ancestors(categoryId);
  const boards = path.length > 0 ? [...path] : [categoryId];
  if (taxonomy.isProductive(categoryId)) boards.push(PRODUCTIVE_BOARD);
  boards.push(TOTAL_BOARD);
  return boards;
}
