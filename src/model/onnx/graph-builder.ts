import type { onnx as Onnx } from 'onnx-proto';
import { onnx } from './proto.ts';

/** Element types this project writes into ONNX graphs. */
export type ElementType = 'float32' | 'int32' | 'int64' | 'bool';

/** A tensor dimension: a fixed size, or a symbolic name such as "T" for a dynamic axis. */
export type Dim = number | string;

export type TensorData = Float32Array | Int32Array | BigInt64Array;

/**
 * A node attribute. Plain numbers are INT and number arrays INTS (the common case for axes,
 * perms and flags); floats must be marked with `floatAttr` because 1.0 and 1 look alike in JS.
 */
export type Attribute = number | number[] | string | FloatAttribute;

export interface FloatAttribute {
  readonly float: number;
}

export function floatAttr(value: number): FloatAttribute {
  return { float: value };
}

const ELEMENT_TYPE_CODES: Record<ElementType, Onnx.TensorProto.DataType> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
};

function dataElementType(data: TensorData): ElementType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  return 'int64';
}

/** A TensorProto holding `data` as little-endian raw bytes (compact, and fast to encode). */
export function tensorProto(name: string, data: TensorData, dims: readonly number[]): Onnx.ITensorProto {
  const count = dims.reduce((product, size) => product * size, 1);
  if (count !== data.length) {
    throw new Error(`tensor ${name}: ${data.length} values do not fill shape [${dims.join(', ')}]`);
  }
  return {
    name,
    dims: [...dims],
    dataType: ELEMENT_TYPE_CODES[dataElementType(data)],
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

export function valueInfo(name: string, type: ElementType, dims: readonly Dim[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPE_CODES[type],
        shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

function attributeProto(name: string, value: Attribute): Onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer; use floatAttr`);
    return { name, type: types.INT, i: value };
  }
  if (typeof value === 'string') return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: types.INTS, ints: value };
  return { name, type: types.FLOAT, f: value.float };
}

/** `base`, or `base_1`, `base_2`... whichever is not in `taken`; records it as taken. */
export function claimFreshName(base: string, taken: Set<string>): string {
  let name = base;
  for (let suffix = 1; taken.has(name); suffix++) name = `${base}_${suffix}`;
  taken.add(name);
  return name;
}

export interface ModelOptions {
  readonly opset: number;
  readonly producerName: string;
  readonly docString?: string;
  /** Extra metadata_props entries (string key/value pairs) stored in the model. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Accumulates an ONNX graph: inputs, initializers, nodes and outputs, with generated unique names
 * for intermediate values. `op` returns the name of the node's output so calls compose like
 * expressions: `b.op('Relu', [b.op('MatMul', [x, w])])`.
 */
export class GraphBuilder {
  private readonly nodes: Onnx.INodeProto[] = [];
  private readonly initializers: Onnx.ITensorProto[] = [];
  private readonly inputs: Onnx.IValueInfoProto[] = [];
  private readonly outputs: Onnx.IValueInfoProto[] = [];
  private readonly usedNames = new Set<string>();
  private readonly scalars = new Map<string, string>();

  constructor(private readonly graphName: string) {}

  /** A fresh value name built from `base` (kept as is when still unused). */
  uniqueName(base: string): string {
    return claimFreshName(base, this.usedNames);
  }

  input(name: string, type: ElementType, dims: readonly Dim[]): string {
    this.claim(name);
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Declares the existing value `name` a graph output. */
  output(name: string, type: ElementType, dims: readonly Dim[]): void {
    if (!this.usedNames.has(name)) throw new Error(`graph output ${name} is not produced by the graph`);
    this.outputs.push(valueInfo(name, type, dims));
  }

  initializer(name: string, data: TensorData, dims: readonly number[]): string {
    const unique = this.uniqueName(name);
    this.initializers.push(tensorProto(unique, data, dims));
    return unique;
  }

  /** A shared constant for a small literal tensor (scalars, shapes, axes), created once per value. */
  constant(data: TensorData, dims: readonly number[] = []): string {
    const key = `${dataElementType(data)}[${dims.join(',')}]:${Array.from(data, String).join(',')}`;
    const existing = this.scalars.get(key);
    if (existing) return existing;
    const name = this.initializer(`const_${dataElementType(data)}`, data, dims);
    this.scalars.set(key, name);
    return name;
  }

  /** 1-D int64 tensor, as ONNX wants for shapes, axes, starts and ends. */
  int64s(values: readonly number[]): string {
    return this.constant(BigInt64Array.from(values, BigInt), [values.length]);
  }

  floatScalar(value: number): string {
    return this.constant(Float32Array.of(value));
  }

  /**
   * Adds a node with `outputCount` outputs and returns their names. An empty input name marks an
   * omitted optional input. Output names come from `names` when given (e.g. a graph output's
   * final name), otherwise they are generated from the op type.
   */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, Attribute>> = {},
    names: readonly string[] | number = 1,
  ): string[] {
    const outputNames =
      typeof names === 'number'
        ? Array.from({ length: names }, () => this.uniqueName(opType.toLowerCase()))
        : names.map((name) => this.claim(name));
    this.nodes.push({
      opType,
      name: this.uniqueName(`${opType}_node`),
      input: [...inputs],
      output: outputNames,
      attribute: Object.entries(attributes).map(([key, value]) => attributeProto(key, value)),
    });
    return outputNames;
  }

  /** Single-output `node`; `name` fixes the output's name. */
  op(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, Attribute>> = {}, name?: string): string {
    return this.node(opType, inputs, attributes, name === undefined ? 1 : [name])[0];
  }

  toModel(options: ModelOptions): Onnx.ModelProto {
    return onnx.ModelProto.create({
      irVersion: onnx.Version.IR_VERSION,
      producerName: options.producerName,
      docString: options.docString ?? '',
      opsetImport: [{ domain: '', version: options.opset }],
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
  }

  private claim(name: string): string {
    if (this.usedNames.has(name)) throw new Error(`value name ${name} is already used in the graph`);
    this.usedNames.add(name);
    return name;
  }
}

export function encodeModel(model: Onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export function decodeModel(bytes: Uint8Array): Onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
