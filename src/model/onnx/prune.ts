import type { onnx as Onnx } from 'onnx-proto';
import { onnx } from './proto.ts';

/**
 * Cuts an ONNX graph down to what the requested outputs depend on. onnxruntime runs every node of a
 * graph whatever outputs a run asks for, so a model whose attention sits early in the graph (an
 * encoder's embedding head, an LM's later layers) pays for the rest on every run unless it is
 * removed before the session is built.
 */
export class PruneError extends Error {
  override name = 'PruneError';
}

/** Every value name a node reads, including outer-scope values read inside its subgraphs (If, Loop, Scan). */
function nodeReads(node: Onnx.INodeProto): string[] {
  const names = [...(node.input ?? [])];
  for (const attribute of node.attribute ?? []) {
    for (const subgraph of [...(attribute.g ? [attribute.g] : []), ...(attribute.graphs ?? [])]) {
      for (const inner of subgraph.node ?? []) names.push(...nodeReads(inner));
    }
  }
  return names;
}

/** pruneModel on ONNX bytes: decodes, prunes and encodes again. */
export function pruneToOutputs(modelBytes: Uint8Array, outputNames: readonly string[]): Uint8Array {
  return onnx.ModelProto.encode(pruneModel(onnx.ModelProto.decode(modelBytes), outputNames)).finish();
}

/**
 * Cuts `model` (in place) down to the nodes, initializers, inputs and value_info that `outputNames`
 * need; those names become the graph's outputs, in the given order. Throws PruneError when a name
 * is not a value of the graph.
 */
export function pruneModel(model: Onnx.IModelProto, outputNames: readonly string[]): Onnx.IModelProto {
  const graph = model.graph;
  if (!graph) throw new PruneError('The model has no graph.');
  const nodes = graph.node ?? [];
  const producers = new Map<string, number>();
  nodes.forEach((node, index) => {
    for (const output of node.output ?? []) if (output) producers.set(output, index);
  });
  const graphValues = new Set([
    ...producers.keys(),
    ...(graph.initializer ?? []).map((tensor) => tensor.name),
    ...(graph.sparseInitializer ?? []).map((tensor) => tensor.values?.name),
    ...(graph.input ?? []).map((input) => input.name),
  ]);
  const missing = outputNames.filter((name) => !graphValues.has(name));
  if (missing.length > 0) throw new PruneError(`The graph has no value named ${missing.join(', ')}.`);

  const needed = new Set<string>();
  const keptNodes = new Set<number>();
  const pending = [...outputNames];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (needed.has(name)) continue;
    needed.add(name);
    const producer = producers.get(name);
    if (producer === undefined || keptNodes.has(producer)) continue;
    keptNodes.add(producer);
    for (const input of nodeReads(nodes[producer])) if (input) pending.push(input);
  }

  const declared = new Map<string, Onnx.IValueInfoProto>();
  for (const info of [...(graph.valueInfo ?? []), ...(graph.output ?? [])]) if (info.name) declared.set(info.name, info);
  // Nodes stay in their original (topological) order.
  graph.node = nodes.filter((_, index) => keptNodes.has(index));
  graph.initializer = (graph.initializer ?? []).filter((tensor) => needed.has(tensor.name ?? ''));
  graph.sparseInitializer = (graph.sparseInitializer ?? []).filter((tensor) => needed.has(tensor.values?.name ?? ''));
  graph.input = (graph.input ?? []).filter((input) => needed.has(input.name ?? ''));
  graph.valueInfo = (graph.valueInfo ?? []).filter((info) => needed.has(info.name ?? '') && !outputNames.includes(info.name ?? ''));
  // An output keeps its declared type where the graph records one; onnxruntime infers the others.
  graph.output = outputNames.map((name) => declared.get(name) ?? { name });
  return model;
}
