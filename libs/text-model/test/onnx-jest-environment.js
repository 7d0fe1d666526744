// Jest environment for specs that run onnxruntime-node.
//
// Jest runs each spec in its own vm context with its own Float32Array, Int32Array, ... while
// onnxruntime-node's native binding creates its output arrays in Node's main context. The
// `instanceof Float32Array` checks of onnxruntime-common (loaded inside the spec's context) then
// reject them ("A float32 tensor's data must be type of function Float32Array()"). Sharing the
// main context's typed-array constructors with the spec context makes both sides agree. Plain
// Node (the services, the tools, the bench) is not affected: there is only one context.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = ['ArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];

class OnnxRuntimeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxRuntimeEnvironment;
