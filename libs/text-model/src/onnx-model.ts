import * as protobuf from 'protobufjs';

/*
 * Writes a real ONNX file (ModelProto) with protobufjs. We only need the subset of onnx.proto
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) used below; field numbers are the
 * official ones, so any ONNX runtime or tool can read the result.
 */
const ONNX_PROTO_SUBSET = `
syntax = "proto3";
package onnx;

message AttributeProto {
  enum AttributeType { UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; FLOATS = 6; INTS = 7; STRINGS = 8; }
  string name = 1;
  AttributeType type = 20;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
}
message ValueInfoProto {
  string name = 1;
  TypeProto type = 2;
  string doc_string = 3;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  string domain = 7;
  repeated AttributeProto attribute = 5;
  string doc_string = 6;
}
message StringStringEntryProto {
  string key = 1;
  string value = 2;
}
// ModelProto's metadata alone: decoding it skips the graph's weights.
message ModelMetadataProps {
  repeated StringStringEntryProto metadata_props = 14;
}
message OperatorSetIdProto {
  string domain = 1;
  int64 version = 2;
}
message ModelProto {
  int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  string producer_name = 2;
  string producer_version = 3;
  string domain = 4;
  int64 model_version = 5;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated StringStringEntryProto metadata_props = 14;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int64 int64_data = 7 [packed = true];
  string name = 8;
  bytes raw_data = 9;
  string doc_string = 12;
}
message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    int32 elem_type = 1;
    TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
`;

/** TensorProto.DataType values we use. */
export const OnnxDataType = { FLOAT: 1, INT32: 6, INT64: 7 } as const;
const ATTR = { FLOAT: 1, INT: 2 } as const;

export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 8;

let root: protobuf.Root | undefined;
function onnxRoot(): protobuf.Root {
  root ??= protobuf.parse(ONNX_PROTO_SUBSET, { keepCase: true }).root;
  return root;
}

type Dim = number | string;
interface ValueInfo {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: Array<{ dim_value: number } | { dim_param: string }> } } };
}
function valueInfo(name: string, elemType: number, dims: Dim[]): ValueInfo {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

function floatTensor(name: string, dims: number[], data: Float32Array): object {
  // raw_data is little-endian; every platform Node runs on here is little-endian, but be explicit.
  const bytes = Buffer.alloc(data.length * 4);
  for (let i = 0; i < data.length; i++) bytes.writeFloatLE(data[i], i * 4);
  return { name, dims, data_type: OnnxDataType.FLOAT, raw_data: bytes };
}

function int64Tensor(name: string, values: number[]): object {
  return { name, dims: [values.length], data_type: OnnxDataType.INT64, int64_data: values };
}

export interface LinearSoftmaxModel {
  /** D: hash buckets. */
  numBuckets: number;
  /** C: classes. */
  numClasses: number;
  /** Row-major [D, C] weights (bucket d, class c at d * C + c); a zero row D is appended for padding. */
  weights: Float32Array;
  /** [C] biases. */
  bias: Float32Array;
  /** Stored as ONNX metadata_props (string values). */
  metadata?: Record<string, string>;
  docString?: string;
}

/** Names of the graph's inputs and output. */
export const ONNX_INPUT_INDICES = 'indices';
export const ONNX_INPUT_VALUES = 'values';
export const ONNX_OUTPUT = 'probabilities';

/**
 * Multinomial logistic regression over sparse hashed features, as an ONNX graph:
 *
 *   indices int32 [N, K]  (bucket ids; pad with D, which points at an all-zero row)
 *   values  float [N, K]  (feature values; 0 for padding)
 *   rows   = Gather(W[D+1, C], indices, axis=0)          -> [N, K, C]
 *   scores = Squeeze(MatMul(Unsqueeze(values, [1]), rows), [1])
 *          = sum_k values[n,k] * W[indices[n,k], :]      -> [N, C]
 *   probabilities = Softmax(scores + b[C], axis=-1)      -> float [N, C]
 *
 * Only the K touched rows of W are read per example, so the cost is O(N·K·C) instead of the
 * O(N·D·C) of a dense MatMul over all D buckets. The weighted sum is a batched [1,K]x[K,C] MatMul
 * rather than Mul + ReduceSum over K: same result, one pass, no [N,K,C] temporary for the
 * product, and measured 2-4x faster in onnxruntime-node here. Indices are int32 (Gather accepts
 * int32 or int64): it spares the caller a BigInt conversion per feature.
 */
export function buildLinearSoftmaxOnnx(model: LinearSoftmaxModel): Uint8Array {
  const { numBuckets: D, numClasses: C } = model;
  if (model.weights.length !== D * C && model.weights.length !== (D + 1) * C) {
    throw new Error(`weights must have ${D}x${C} (or ${D + 1}x${C}) elements, got ${model.weights.length}`);
  }
  if (model.bias.length !== C) throw new Error(`bias must have ${C} elements, got ${model.bias.length}`);
  const padded = new Float32Array((D + 1) * C); // last row stays zero: the padding row
  padded.set(model.weights.subarray(0, D * C));

  const graph = {
    name: 'activity_text_classifier',
    node: [
      { op_type: 'Gather', name: 'gather_rows', input: ['W', ONNX_INPUT_INDICES], output: ['rows'], attribute: [{ name: 'axis', type: ATTR.INT, i: 0 }] },
      { op_type: 'Unsqueeze', name: 'values_row', input: [ONNX_INPUT_VALUES, 'axes_row'], output: ['values_1k'] },
      { op_type: 'MatMul', name: 'weighted_sum', input: ['values_1k', 'rows'], output: ['scores_1c'] },
      { op_type: 'Squeeze', name: 'scores_2d', input: ['scores_1c', 'axes_row'], output: ['scores'] },
      { op_type: 'Add', name: 'add_bias', input: ['scores', 'b'], output: ['logits'] },
      { op_type: 'Softmax', name: 'softmax', input: ['logits'], output: [ONNX_OUTPUT], attribute: [{ name: 'axis', type: ATTR.INT, i: -1 }] },
    ],
    initializer: [floatTensor('W', [D + 1, C], padded), floatTensor('b', [C], model.bias), int64Tensor('axes_row', [1])],
    input: [valueInfo(ONNX_INPUT_INDICES, OnnxDataType.INT32, ['batch', 'features']), valueInfo(ONNX_INPUT_VALUES, OnnxDataType.FLOAT, ['batch', 'features'])],
    output: [valueInfo(ONNX_OUTPUT, OnnxDataType.FLOAT, ['batch', C])],
    doc_string: model.docString ?? '',
  };
  const ModelProto = onnxRoot().lookupType('onnx.ModelProto');
  const message = {
    ir_version: ONNX_IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'activity-pipeline/text-model',
    producer_version: '1',
    model_version: 1,
    graph,
    metadata_props: Object.entries(model.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  const problem = ModelProto.verify(message);
  if (problem) throw new Error(`invalid ModelProto: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(message)).finish();
}

/** An ONNX file's metadata_props (`buildLinearSoftmaxOnnx`'s `metadata`), by key. */
export function onnxMetadataProps(bytes: Uint8Array): Record<string, string> {
  const Props = onnxRoot().lookupType('onnx.ModelMetadataProps');
  const { metadata_props: props = [] } = Props.toObject(Props.decode(bytes)) as { metadata_props?: Array<{ key: string; value: string }> };
  return Object.fromEntries(props.map(({ key, value }) => [key, value]));
}

/** Decodes an ONNX file written by `buildLinearSoftmaxOnnx` (used by tests and tooling). */
export function decodeOnnxModel(bytes: Uint8Array): Record<string, unknown> {
  const ModelProto = onnxRoot().lookupType('onnx.ModelProto');
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: Buffer, defaults: false }) as Record<string, unknown>;
}
