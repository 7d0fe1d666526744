import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { AppConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { DEFAULT_METADATA_PATH, DEFAULT_MODEL_PATH, modelSessionOptions, TextModelInput, TextModelPrediction, TextModelRunner } from '@lib/text-model';

/** `x.onnx` → `x.meta.json`: the metadata lives next to an overridden model. */
export function metadataPathFor(modelPath: string): string {
  return modelPath.replace(/\.onnx$/i, '') + '.meta.json';
}

/** Our ONNX text model, loaded once at boot: the app does not start without a usable model. */
@Injectable()
export class TextModel implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TextModel');
  private runner?: TextModelRunner;

  constructor(private readonly config: AppConfig, private readonly metrics: PipelineMetrics) {}

  async onModuleInit(): Promise<void> {
    const modelPath = this.config.MODEL_PATH ?? DEFAULT_MODEL_PATH;
    const metadataPath = this.config.MODEL_PATH ? metadataPathFor(modelPath) : DEFAULT_METADATA_PATH;
    const origin = this.config.MODEL_PATH ? 'MODEL_PATH' : 'the committed model';
    for (const [file, what] of [[modelPath, 'model file'], [metadataPath, 'model metadata']] as const) {
      if (!existsSync(file)) throw new Error(`inference cannot start: ${what} ${file} (${origin}) does not exist; train one (tools/model/train.ts) or set MODEL_PATH`);
    }
    try {
      this.runner = await TextModelRunner.load(modelPath, metadataPath, modelSessionOptions(this.config.INFERENCE_THREADS));
    } catch (error) {
      throw new Error(`inference cannot start: the text model at ${modelPath} (${origin}) is unusable: ${(error as Error).message}`);
    }
    const { version, labels } = this.runner.metadata;
    this.logger.log({ msg: 'text model loaded', modelPath, version, labels: labels.length, threads: this.config.INFERENCE_THREADS || 'onnxruntime default' });
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner?.release();
  }

  /** One model run for the whole batch, timed into ap_model_inference_seconds. */
  async predictBatch(inputs: TextModelInput[]): Promise<TextModelPrediction[]> {
    if (inputs.length === 0) return [];
    const stopTimer = this.metrics.modelInferenceSeconds.startTimer();
    try {
      return await this.loaded.predictBatch(inputs);
    } finally {
      stopTimer();
    }
  }

  private get loaded(): TextModelRunner {
    if (!this.runner) throw new Error('the text model is not loaded yet');
    return this.runner;
  }
}
