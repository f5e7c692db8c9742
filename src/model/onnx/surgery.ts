import type { onnx as Onnx } from 'onnx-proto';
import { claimFreshName, tensorProto } from './graph-builder.ts';
import { onnx } from './proto.ts';

/**
 * Graph surgery for bring-your-own ONNX transformers: finds the attention Softmax nodes and makes
 * their outputs (and per-key column sums) graph outputs, so one run returns the attention.
 */

export interface ExposedAttention {
  /** The model with the extra outputs. */
  readonly model: Uint8Array;
  /** Softmax outputs, one per attention block in graph order: [batch, heads, T, T]. */
  readonly attentionOutputs: string[];
  /** Column sums over queries of each attention output: [batch, heads, T]. */
  readonly receivedOutputs: string[];
}

/** Why a model's attention cannot be exposed; the message is meant for the user. */
export class AttentionSurgeryError extends Error {
  override name = 'AttentionSurgeryError';
}

/** Fused attention kernels keep the probabilities inside one op, where no output can reach them. */
const FUSED_ATTENTION_OPS = new Set([
  'Attention',
  'MultiHeadAttention',
  'GroupQueryAttention',
  'PackedAttention',
  'PackedMultiHeadAttention',
  'DecoderAttention',
  'DecoderMaskedMultiHeadAttention',
  'DecoderMaskedSelfAttention',
  'SparseAttention',
  'LongformerAttention',
  'QAttention',
  'QOrderedAttention',
]);
/** Ops that carry attention scores or probabilities along unchanged in shape. */
const PASS_THROUGH_OPS = new Set(['Cast', 'Dropout', 'Identity']);
/** Ops between the Q*K^T MatMul and the Softmax: scaling, masks, bias. */
const SCORE_OPS = new Set(['Add', 'Sub', 'Mul', 'Div', 'Where', 'Cast', 'Identity', 'Clip', 'Min', 'Max']);
const MAX_SCORE_CHAIN = 6;

const isDefaultDomain = (node: Onnx.INodeProto) => !node.domain || node.domain === 'ai.onnx';

function defaultOpset(model: Onnx.IModelProto): number {
  const entry = model.opsetImport?.find((opset) => !opset.domain || opset.domain === 'ai.onnx');
  return entry?.version == null ? 1 : Number(entry.version);
}

/** Rank of a value from the graph's value_info, inputs or outputs, when recorded. */
function recordedRanks(graph: Onnx.IGraphProto): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const info of [...(graph.valueInfo ?? []), ...(graph.output ?? []), ...(graph.input ?? [])]) {
    const dims = info.type?.tensorType?.shape?.dim;
    if (info.name && dims) ranks.set(info.name, dims.length);
  }
  return ranks;
}

function intAttribute(node: Onnx.INodeProto, name: string): number | undefined {
  const attribute = node.attribute?.find((candidate) => candidate.name === name);
  return attribute?.i == null ? undefined : Number(attribute.i);
}

/** Describes the fused attention ops in the graph, or returns undefined when there are none. */
function fusedAttentionOps(graph: Onnx.IGraphProto): string | undefined {
  const counts = new Map<string, number>();
  for (const node of graph.node ?? []) {
    if (node.opType && FUSED_ATTENTION_OPS.has(node.opType)) {
      const label = `${node.domain || 'ai.onnx'}.${node.opType}`;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return undefined;
  return [...counts].map(([label, count]) => `${label} x${count}`).join(', ');
}

/**
 * The outputs of the attention Softmax nodes, in graph order. A Softmax counts as attention when
 * it normalises the last axis of a rank-4 tensor (when the rank is recorded), its input comes from
 * a MatMul (Q * K^T) through scaling/mask ops, and its output feeds a MatMul (with V) as the
 * left operand.
 */
export function findAttentionSoftmaxOutputs(model: Onnx.IModelProto): string[] {
  const graph = model.graph ?? {};
  const nodes = graph.node ?? [];
  const producers = new Map<string, Onnx.INodeProto>();
  const consumers = new Map<string, Onnx.INodeProto[]>();
  for (const node of nodes) {
    for (const output of node.output ?? []) producers.set(output, node);
    for (const input of node.input ?? []) consumers.set(input, [...(consumers.get(input) ?? []), node]);
  }
  const ranks = recordedRanks(graph);
  const opset = defaultOpset(model);

  const feedsValueMatMul = (value: string): boolean =>
    (consumers.get(value) ?? []).some((node) => {
      if (!isDefaultDomain(node)) return false;
      if (node.opType === 'MatMul') return node.input?.[0] === value;
      return PASS_THROUGH_OPS.has(node.opType ?? '') && (node.output ?? []).some(feedsValueMatMul);
    });

  const comesFromScoreMatMul = (value: string, depth: number): boolean => {
    const producer = producers.get(value);
    if (!producer || !isDefaultDomain(producer) || depth > MAX_SCORE_CHAIN) return false;
    if (producer.opType === 'MatMul') return true;
    return SCORE_OPS.has(producer.opType ?? '') && (producer.input ?? []).some((input) => comesFromScoreMatMul(input, depth + 1));
  };

  const normalisesLastAxis = (node: Onnx.INodeProto, rank: number | undefined): boolean => {
    // Before opset 13 Softmax defaults to axis 1 over a flattened 2-D view.
    const axis = intAttribute(node, 'axis') ?? (opset >= 13 ? -1 : 1);
    return axis === -1 || axis === (rank ?? 4) - 1;
  };

  return nodes
    .filter((node) => node.opType === 'Softmax' && isDefaultDomain(node))
    .filter((node) => {
      const output = node.output?.[0];
      const input = node.input?.[0];
      if (!output || !input) return false;
      const rank = ranks.get(output) ?? ranks.get(input);
      return (rank === undefined || rank === 4) && normalisesLastAxis(node, rank) && comesFromScoreMatMul(input, 0) && feedsValueMatMul(output);
    })
    .map((node) => node.output![0]);
}

/**
 * ReduceSum over the query axis (second to last, whatever batch/head layout comes before it),
 * keepdims 0; its axes moved from an attribute to an input in opset 13.
 */
function queryAxisSum(opset: number, taken: Set<string>) {
  const keepdims: Onnx.IAttributeProto = { name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 };
  if (opset < 13) {
    const axes: Onnx.IAttributeProto = { name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [-2] };
    return {
      initializers: [],
      node: (input: string, output: string): Onnx.INodeProto => ({ opType: 'ReduceSum', input: [input], output: [output], attribute: [axes, keepdims] }),
    };
  }
  const axesName = claimFreshName('attention_exchange_query_axis', taken);
  return {
    initializers: [tensorProto(axesName, BigInt64Array.of(-2n), [1])],
    node: (input: string, output: string): Onnx.INodeProto => ({ opType: 'ReduceSum', input: [input, axesName], output: [output], attribute: [keepdims] }),
  };
}

function allValueNames(graph: Onnx.IGraphProto): Set<string> {
  const names = new Set<string>();
  for (const node of graph.node ?? []) for (const name of [...(node.input ?? []), ...(node.output ?? [])]) names.add(name);
  for (const info of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])]) if (info.name) names.add(info.name);
  for (const tensor of graph.initializer ?? []) if (tensor.name) names.add(tensor.name);
  return names;
}

/** The model in `bytes`, or an AttentionSurgeryError saying the file is no ONNX model. */
export function decodeOnnx(bytes: Uint8Array): Onnx.ModelProto {
  let model: Onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new AttentionSurgeryError(`The file is not an ONNX model (${error instanceof Error ? error.message : String(error)}); it may be damaged or cut short.`);
  }
  if ((model.graph?.node ?? []).length === 0) throw new AttentionSurgeryError('The file is not an ONNX model: it holds no graph nodes.');
  return model;
}

/**
 * The attention Softmax outputs of a model (findAttentionSoftmaxOutputs), or an
 * AttentionSurgeryError telling the user why there are none to show and what to do.
 */
export function attentionSoftmaxOutputs(model: Onnx.IModelProto): string[] {
  const graph = model.graph ?? {};
  if ((graph.initializer ?? []).some((tensor) => tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)) {
    throw new AttentionSurgeryError(
      'The model keeps its weights in a separate file (external data, e.g. model.onnx_data), which the app cannot load. ' +
        'Export it with the weights inside model.onnx.',
    );
  }
  const fused = fusedAttentionOps(graph);
  if (fused) {
    throw new AttentionSurgeryError(
      `This model computes attention inside fused operators (${fused}), so the attention probabilities never exist as a tensor. ` +
        'Export it without attention fusion (plain MatMul, Softmax, MatMul), e.g. without onnxruntime transformer optimisations.',
    );
  }
  const outputs = findAttentionSoftmaxOutputs(model);
  if (outputs.length === 0) {
    throw new AttentionSurgeryError(
      'No attention Softmax found: expected a Softmax over the last axis between a MatMul of queries and keys and a MatMul with the values. ' +
        'The app shows the attention of transformers; if this is one, export it with plain attention ops (not fused) so that the probabilities exist as a tensor.',
    );
  }
  return outputs;
}

/**
 * Adds the attention Softmax outputs and their column sums as graph outputs. The model bytes are
 * kept as they are and a small graph fragment is appended: protobuf merges a repeated embedded
 * message into the first, so the new nodes and outputs join the graph without re-encoding the
 * weights (and without dropping fields this protobuf schema does not know). Only decoders that
 * merge (onnxruntime's) see the fragment: protobufjs keeps the last graph alone, so to prune as
 * well, use attentionSoftmaxOutputs and pruneModel on the decoded model instead.
 */
export function exposeAttention(modelBytes: Uint8Array): ExposedAttention {
  const model = decodeOnnx(modelBytes);
  const graph = model.graph ?? {};
  const attentionOutputs = attentionSoftmaxOutputs(model);

  const taken = allValueNames(graph);
  const existingOutputs = new Set((graph.output ?? []).map((output) => output.name));
  const fragment = { node: [] as Onnx.INodeProto[], output: [] as Onnx.IValueInfoProto[], initializer: [] as Onnx.ITensorProto[] };
  const reduce = queryAxisSum(defaultOpset(model), taken);
  fragment.initializer.push(...reduce.initializers);
  const receivedOutputs = attentionOutputs.map((attention) => {
    const received = claimFreshName(`${attention}_received`, taken);
    fragment.node.push({ ...reduce.node(attention, received), name: claimFreshName(`${received}_node`, taken) });
    return received;
  });
  // Outputs carry no type: the probabilities may be float16 or float32, and the runtime infers it.
  const newOutputs = [...attentionOutputs.filter((name) => !existingOutputs.has(name)), ...receivedOutputs];
  fragment.output.push(...newOutputs.map((name) => ({ name })));

  const tail = onnx.ModelProto.encode({ graph: fragment }).finish();
  const combined = new Uint8Array(modelBytes.length + tail.length);
  combined.set(modelBytes);
  combined.set(tail, modelBytes.length);
  return { model: combined, attentionOutputs, receivedOutputs };
}
