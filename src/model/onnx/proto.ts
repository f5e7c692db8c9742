import onnxProto from 'onnx-proto';

/**
 * onnx-proto's message classes. The package is CommonJS whose named exports Node cannot detect,
 * so the runtime namespace is reached through the default export; import its types with
 * `import type { onnx as Onnx } from 'onnx-proto'`.
 */
export const onnx = onnxProto.onnx;
