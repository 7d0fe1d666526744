/** One activity record as the model sees it. */
export interface TextModelInput {
  app: string;
  title?: string;
  url?: string;
}

export interface TextModelPrediction {
  categoryId: string;
  confidence: number;
  /** The three most probable categories, best first (the first equals `categoryId`). */
  alternatives: Array<{ categoryId: string; confidence: number }>;
}

/** Relative weight of each feature namespace (multiplies the raw count before log scaling). */
export interface NamespaceWeights {
  /** `app:` whole normalized app name. */
  app: number;
  /** `aw:` words of the app name. */
  appWord: number;
  /** `ac:` character 3-4-grams of the app words. */
  appChar: number;
  /** `t:` title words. */
  title: number;
  /** `tb:` title word bigrams. */
  titleBigram: number;
  /** `tc:` character 3-4-grams of the title words. */
  titleChar: number;
  /** `h:` host and its parent domains (`mail.google.com`, `google.com`). */
  host: number;
  /** `hl:` single host labels (`mail`, `google`) and `tld:` the top-level label. */
  hostLabel: number;
  /** `hc:` character 3-4-grams of the host labels. */
  hostChar: number;
  /** `p:` first URL path segment. */
  path: number;
  /** `x:` shape features (file extension in the title, e-mail address, no title, no URL). */
  shape: number;
}

/** Everything `featurize` needs; stored in the metadata so training and serving agree. */
export interface FeatureConfig {
  /** Bumped whenever the feature extraction changes meaning. */
  featurizerVersion: number;
  /** Hash used for the hashing trick; informational, only one is implemented. */
  hash: 'fnv1a32-utf16+fmix32';
  /** D: number of hash buckets. Row D of the weight matrix is the all-zero padding row. */
  numBuckets: number;
  /** Cap on distinct buckets per example (largest values kept). */
  maxFeatures: number;
  /** Inclusive character n-gram range. */
  charNgramMin: number;
  charNgramMax: number;
  /** Title words beyond this many are ignored (bounds the cost of pathological titles). */
  maxTitleWords: number;
  weights: NamespaceWeights;
}

export interface TextModelMetrics {
  accuracy: number;
  macroF1: number;
  trainSize: number;
  testSize: number;
  /** Accuracy on the test examples whose app/site never appears in training. */
  unseenAccuracy?: number;
  unseenSize?: number;
  /** Accuracy on the test examples of apps/sites seen in training (new titles/URLs). */
  seenAccuracy?: number;
  /** Per label on the held-out split. */
  perLabel?: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

export interface TextModelMetadata {
  /** Output column i of `probabilities` is `labels[i]`. */
  labels: string[];
  featureConfig: FeatureConfig;
  metrics: TextModelMetrics;
  trainedAt: string;
  /** Hash of the weights, e.g. `tm-3f2a9c1b0d4e`. */
  version: string;
  /** Graph contract, checked when loading. */
  onnx?: { inputs: { indices: 'int32'; values: 'float32' }; output: string; opset: number; irVersion: number };
  /** How the held-out split was made, so `eval` can rebuild it. */
  split?: SplitInfo;
  training?: Record<string, unknown>;
}

export interface SplitInfo {
  strategy: 'stratified-group-hybrid';
  seed: number;
  /** Share of each label held out for testing. */
  testFraction: number;
  /** Part of the test share made of whole held-out apps/sites (the rest: new records of known ones). */
  unseenShare: number;
  trainGroups: number;
  testGroups: number;
  /** Data the split was computed on (relative paths and content hashes). */
  sources: Array<{ file: string; sha256: string; examples: number }>;
}

/** A labelled record from `data/training/*.jsonl` or an `--extra` file. */
export interface LabelledExample extends TextModelInput {
  categoryId: string;
  /**
   * Optional split group (the app or site "brand"). Every example of a group lands on the same
   * side of the train/test split. Derived from the URL or app name when absent.
   */
  group?: string;
}
