import * as ort from 'onnxruntime-web';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertStories260k, locateStories260k } from '../../../scripts/models/convert-stories260k.ts';
import { convertUseLite } from '../../../scripts/models/convert-use-lite.ts';
import type { ConvertedModel } from '../../../scripts/models/converted-model.ts';
import { GraphBuilder, decodeModel, encodeModel } from './graph-builder.ts';
import { PruneError, pruneModel, pruneToOutputs } from './prune.ts';
import { attentionSoftmaxOutputs } from './surgery.ts';

const stories = await locateStories260k(path.resolve(import.meta.dirname, '../../..'));

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

const nodeCount = (bytes: Uint8Array) => decodeModel(bytes).graph!.node!.length;

async function expectSameAttention(model: ConvertedModel, ids: number[]) {
  const outputs = model.info.attentionOutputs;
  const pruned = pruneToOutputs(model.onnx, outputs);
  expect(nodeCount(pruned)).toBeLessThan(nodeCount(model.onnx));
  expect(pruned.byteLength).toBeLessThan(model.onnx.byteLength);

  const [full, small] = await Promise.all([ort.InferenceSession.create(model.onnx), ort.InferenceSession.create(pruned)]);
  expect(small.outputNames).toEqual(outputs);
  expect(small.inputNames).toEqual(full.inputNames);
  const feeds = { input_ids: new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length]) };
  const [expected, actual] = await Promise.all([full.run(feeds, outputs), small.run(feeds)]);
  for (const name of outputs) {
    expect(actual[name].dims).toEqual(expected[name].dims);
    expect(actual[name].data).toEqual(expected[name].data);
  }
}

describe('pruneToOutputs', () => {
  it('keeps USE-lite attention and drops the embedding head and the last feed-forward block', async () => {
    const model = await convertUseLite();
    await expectSameAttention(model, [9, 120, 33, 4000, 7, 6]);
    const kept = new Set(decodeModel(pruneToOutputs(model.onnx, model.info.attentionOutputs)).graph!.initializer!.map((tensor) => tensor.name));
    expect(kept.has('pooler.weight')).toBe(false);
    expect(kept.has('layer1.ffn1.weight')).toBe(false);
    expect(kept.has('layer0.ffn1.weight')).toBe(true);
  });

  it.skipIf('unavailable' in stories)('keeps stories260K attention and drops the LM head', async () => {
    if ('dir' in stories) await expectSameAttention(await convertStories260k(stories.dir), [1, 403, 407, 261, 378, 432]);
  });

  it('turns the attention Softmax nodes of a model that does not output them into its only outputs', async () => {
    const model = await convertUseLite();
    const proto = decodeModel(model.onnx);
    proto.graph!.output = proto.graph!.output!.filter((output) => output.name === 'embedding');
    const pruned = encodeModel(pruneModel(proto, attentionSoftmaxOutputs(proto)));
    const session = await ort.InferenceSession.create(pruned);
    expect(session.outputNames).toEqual(model.info.attentionOutputs);
    const ids = [9, 120, 33, 4000];
    const feeds = { input_ids: new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length]) };
    const [expected, actual] = await Promise.all([(await ort.InferenceSession.create(model.onnx)).run(feeds), session.run(feeds)]);
    for (const name of model.info.attentionOutputs) expect(actual[name].data).toEqual(expected[name].data);
  });

  it('drops graph inputs the outputs do not read, and keeps declared output types', () => {
    const b = new GraphBuilder('two-branches');
    const x = b.input('x', 'float32', [2]);
    const y = b.input('y', 'float32', [2]);
    b.op('Relu', [x], {}, 'from_x');
    b.op('Neg', [y], {}, 'from_y');
    b.output('from_x', 'float32', [2]);
    b.output('from_y', 'float32', [2]);
    const graph = decodeModel(pruneToOutputs(encodeModel(b.toModel({ opset: 17, producerName: 'prune-test' })), ['from_y'])).graph!;
    expect(graph.input!.map((input) => input.name)).toEqual(['y']);
    expect(graph.node!.map((node) => node.opType)).toEqual(['Neg']);
    expect(graph.output![0].type?.tensorType?.shape?.dim).toHaveLength(1);
  });

  it('names the outputs the graph does not have', () => {
    const b = new GraphBuilder('g');
    b.op('Relu', [b.input('x', 'float32', [2])], {}, 'y');
    b.output('y', 'float32', [2]);
    const bytes = encodeModel(b.toModel({ opset: 17, producerName: 'prune-test' }));
    expect(() => pruneToOutputs(bytes, ['y', 'attention_9'])).toThrow(PruneError);
    expect(() => pruneToOutputs(bytes, ['y', 'attention_9'])).toThrow(/no value named attention_9/);
  });
});
