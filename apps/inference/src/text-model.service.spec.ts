/**
 * @jest-environment <rootDir>/libs/text-model/test/onnx-jest-environment.js
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { DEFAULT_METADATA_PATH } from '@lib/text-model';
import { metadataPathFor, TextModel } from './text-model.service';

describe('TextModel', () => {
  const modelAt = (path?: string) => new TextModel(loadConfig(path ? { MODEL_PATH: path } : {}), new PipelineMetrics());

  it('loads the committed model and answers a batch with one prediction per input', async () => {
    const model = modelAt();
    await model.onModuleInit();
    const predictions = await model.predictBatch([{ app: 'acme-secret-ide', title: 'refactor billing module' }, { app: 'zorbix', url: 'https://youtube.com/watch?v=1' }]);
    expect(predictions).toHaveLength(2);
    for (const p of predictions) expect(p.confidence).toBeGreaterThan(0);
    await model.onModuleDestroy();
  });

  it('refuses to start without a model file, naming the path and MODEL_PATH', async () => {
    await expect(modelAt('/nowhere/model.onnx').onModuleInit()).rejects.toThrow(
      'inference cannot start: model file /nowhere/model.onnx (MODEL_PATH) does not exist; train one (tools/model/train.ts) or set MODEL_PATH',
    );
  });

  it('refuses to start with a corrupt model file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inference-model-'));
    const path = join(dir, 'broken.onnx');
    writeFileSync(path, 'not an onnx graph');
    copyFileSync(DEFAULT_METADATA_PATH, metadataPathFor(path));
    try {
      await expect(modelAt(path).onModuleInit()).rejects.toThrow(`inference cannot start: the text model at ${path} (MODEL_PATH) is unusable: `);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
