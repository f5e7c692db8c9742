import * as ort from 'onnxruntime-web';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertStories260k, locateStories260k } from '../../../scripts/models/convert-stories260k.ts';
import { convertUseLite } from '../../../scripts/models/convert-use-lite.ts';
import type { ConvertedModel } from '../../../scripts/models/converted-model.ts';
import { GraphBuilder, decodeModel, encodeModel } from './graph-builder.ts';
import { onnx } from './proto.ts';
import { AttentionSurgeryError, exposeAttention } from './surgery.ts';
import { dotProductAttention } from './transformer-ops.ts';

const stories = await locateStories260k(path.resolve(import.meta.dirname, '../../..'));

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

/** The model without its attention_l / received_l graph outputs (the Softmax nodes stay). */
function withoutAttentionOutputs(model: ConvertedModel): Uint8Array {
  const proto = decodeModel(model.onnx);
  const removed = new Set([...model.info.attentionOutputs, ...model.info.receivedOutputs]);
  proto.graph!.output = proto.graph!.output!.filter((output) => !removed.has(output.name ?? ''));
  return encodeModel(proto);
}

async function expectSameAttention(model: ConvertedModel, ids: number[]) {
  const stripped = withoutAttentionOutputs(model);
  const direct = await ort.InferenceSession.create(model.onnx);
  const blind = await ort.InferenceSession.create(stripped);
  expect(blind.outputNames.some((name) => name.startsWith('attention_'))).toBe(false);

  const exposed = exposeAttention(stripped);
  expect(exposed.attentionOutputs).toEqual(model.info.attentionOutputs);
  const operated = await ort.InferenceSession.create(exposed.model);
  const feeds = { input_ids: new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length]) };
  const [expected, actual] = await Promise.all([direct.run(feeds), operated.run(feeds)]);
  model.info.attentionOutputs.forEach((name, layer) => {
    expect(actual[name].dims).toEqual(expected[name].dims);
    expect(actual[name].data).toEqual(expected[name].data);
    const receivedName = exposed.receivedOutputs[layer];
    expect(actual[receivedName].data).toEqual(expected[model.info.receivedOutputs[layer]].data);
  });
}

/** A bare attention block over per-head input x [1, 2, T, 4]: Softmax(x x^T / 2) x. */
function tinyAttentionModel(opset: number): Uint8Array {
  const b = new GraphBuilder('tiny');
  const x = b.input('x', 'float32', [1, 2, 'T', 4]);
  const { context } = dotProductAttention(b, { q: x, k: x, v: x, scale: b.floatScalar(0.5), probabilitiesName: 'probabilities' });
  b.op('Identity', [context], {}, 'context');
  b.output('context', 'float32', [1, 2, 'T', 4]);
  return encodeModel(b.toModel({ opset, producerName: 'surgery-test' }));
}

describe('exposeAttention', () => {
  it('recovers USE-lite attention from the bare Softmax nodes', async () => {
    await expectSameAttention(await convertUseLite(), [9, 120, 33, 4000, 7, 6]);
  });

  it.skipIf('unavailable' in stories)('recovers stories260K causal attention from the bare Softmax nodes', async () => {
    if ('dir' in stories) await expectSameAttention(await convertStories260k(stories.dir), [1, 403, 407, 261, 378, 432]);
  });

  it.each([12, 17])('adds column sums over queries at opset %i', async (opset) => {
    const exposed = exposeAttention(tinyAttentionModel(opset));
    expect(exposed.attentionOutputs).toEqual(['probabilities']);
    const session = await ort.InferenceSession.create(exposed.model);
    const tokens = 3;
    const x = Float32Array.from({ length: 2 * tokens * 4 }, (_, i) => Math.sin(i));
    const outputs = await session.run({ x: new ort.Tensor('float32', x, [1, 2, tokens, 4]) });
    const probabilities = outputs.probabilities.data as Float32Array;
    const received = outputs[exposed.receivedOutputs[0]];
    expect(received.dims).toEqual([1, 2, tokens]);
    for (let head = 0; head < 2; head++) {
      for (let key = 0; key < tokens; key++) {
        let sum = 0;
        for (let query = 0; query < tokens; query++) sum += probabilities[(head * tokens + query) * tokens + key];
        expect((received.data as Float32Array)[head * tokens + key]).toBeCloseTo(sum, 6);
      }
    }
  });

  it('ignores a Softmax that does not weight values (a classifier head)', () => {
    const b = new GraphBuilder('classifier');
    const x = b.input('x', 'float32', [1, 4]);
    const logits = b.op('MatMul', [x, b.initializer('w', new Float32Array(12), [4, 3])]);
    b.op('Softmax', [logits], { axis: -1 }, 'probabilities');
    b.output('probabilities', 'float32', [1, 3]);
    const model = encodeModel(b.toModel({ opset: 17, producerName: 'surgery-test' }));
    expect(() => exposeAttention(model)).toThrow(/No attention Softmax found/);
  });

  it('explains that fused attention operators cannot be opened', () => {
    const proto = decodeModel(tinyAttentionModel(17));
    proto.graph!.node!.push(onnx.NodeProto.create({ opType: 'Attention', domain: 'com.microsoft', input: ['x'], output: ['fused'] }));
    expect(() => exposeAttention(encodeModel(proto))).toThrow(AttentionSurgeryError);
    expect(() => exposeAttention(encodeModel(proto))).toThrow(/fused operators \(com\.microsoft\.Attention x1\)/);
  });

  it('says a damaged or foreign file is not an ONNX model', () => {
    const bytes = tinyAttentionModel(17);
    expect(() => exposeAttention(bytes.subarray(0, bytes.length - 9))).toThrow(/not an ONNX model \(.+\); it may be damaged or cut short/);
    expect(() => exposeAttention(new TextEncoder().encode('{"not": "onnx"}'))).toThrow(AttentionSurgeryError);
  });

  it('explains that weights in an external data file cannot be loaded', () => {
    const proto = decodeModel(tinyAttentionModel(17));
    proto.graph!.initializer!.push(onnx.TensorProto.create({ name: 'w', dataLocation: onnx.TensorProto.DataLocation.EXTERNAL }));
    expect(() => exposeAttention(encodeModel(proto))).toThrow(/external data/);
  });
});
