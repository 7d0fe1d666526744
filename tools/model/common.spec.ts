import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { droppedWarning, loadTrainingData } from './common';

describe('training data with labels the model does not predict', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ap-training-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drops them, counted by label, and the warning names each (a correction to a category of the taxonomy was "not in the taxonomy")', () => {
    writeFileSync(join(dir, 'examples.jsonl'), '{"app":"Code","title":"main.ts","categoryId":"work:programming"}\n');
    const corrections = join(dir, 'corrections.json-lines');
    writeFileSync(
      corrections,
      ['{"app":"Obscure Tool","title":"Sprint board","categoryId":"work:project-management"}', '{"app":"Files","categoryId":"system:files"}', '{"app":"Jira","categoryId":"work:project-management"}'].join('\n') + '\n',
    );
    const data = loadTrainingData(dir, corrections);
    expect([data.examples.map((e) => e.app), data.dropped]).toEqual([['Code'], { 'work:project-management': 2, 'system:files': 1 }]);
    expect(droppedWarning(data.dropped)).toBe(
      'warning: dropped 3 examples whose categoryId the model does not predict (system:files: 1, work:project-management: 2); it predicts the 19 TAXONOMY_LABELS of libs/text-model/src/dataset.ts',
    );
    expect(droppedWarning({})).toBeUndefined();
  });
});
