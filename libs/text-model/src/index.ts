export type {
  FeatureConfig,
  LabelledExample,
  NamespaceWeights,
  SplitInfo,
  TextModelInput,
  TextModelMetadata,
  TextModelMetrics,
  TextModelPrediction,
} from './types';
export {
  DEFAULT_FEATURE_CONFIG,
  FEATURIZER_VERSION,
  bucketOf,
  featureStrings,
  featurize,
  hostSuffixes,
  normalizeAppName,
  parseUrl,
  tokenize,
} from './featurize';
export type { SparseFeatures } from './featurize';
export { fmix32, fnv1aUpdate, hash32 } from './hash';
export {
  ONNX_INPUT_INDICES,
  ONNX_INPUT_VALUES,
  ONNX_IR_VERSION,
  ONNX_OPSET,
  ONNX_OUTPUT,
  buildLinearSoftmaxOnnx,
  decodeOnnxModel,
} from './onnx-model';
export type { LinearSoftmaxModel } from './onnx-model';
export { modelSessionOptions, TextModelRunner, packBatch, topK } from './runner';
export { DEFAULT_METADATA_PATH, DEFAULT_MODEL_PATH, METADATA_FILE, MODEL_FILE, findUp, resolveRepoRoot } from './paths';
export {
  TAXONOMY_LABELS,
  brandOfHost,
  groupKeyOf,
  inputKey,
  mergeExamples,
  mulberry32,
  parseJsonl,
  shuffleInPlace,
  stratifiedGroupSplit,
} from './dataset';
export type { SplitResult } from './dataset';
export { classificationReport, formatReport, topConfusions } from './metrics';
export type { ClassificationReport, LabelScore } from './metrics';
export { AdamTrainer, SoftmaxRegression, fitEpochs, fitWithEarlyStopping } from './trainer';
export type { Dataset, EpochStats, FitOptions, TrainOptions } from './trainer';
