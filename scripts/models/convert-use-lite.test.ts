import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import * as ort from 'onnxruntime-web';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SentencePieceUnigram } from '../../src/model/tokenizers/sentencepiece.ts';
import type { ConvertedModel } from './converted-model.ts';
import {
  USE_LITE_EMBEDDING_OUTPUT,
  USE_LITE_MAX_TOKENS,
  USE_LITE_TFJS_OUTPUT,
  convertUseLite,
  readSentenceEncoderVocabulary,
  sentenceEncoderSoftmaxNodeNames,
  sentenceEncoderSourceDir,
} from './convert-use-lite.ts';
import { readTfjsGraphModel } from './tfjs-weights.ts';

const HEADS = 4;

let converted: ConvertedModel;
let session: ort.InferenceSession;
let reference: GraphModel;
let tokenizer: SentencePieceUnigram;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  await tf.setBackend('cpu');
  const sourceDir = sentenceEncoderSourceDir();
  const [model, tfjs, vocabulary] = await Promise.all([
    convertUseLite(sourceDir),
    readTfjsGraphModel(path.join(sourceDir, 'model.json')),
    readSentenceEncoderVocabulary(sourceDir),
  ]);
  converted = model;
  tokenizer = new SentencePieceUnigram(vocabulary);
  session = await ort.InferenceSession.create(converted.onnx);
  reference = await loadGraphModel({
    load: async () => ({
      modelTopology: tfjs.modelJson.modelTopology as object,
      weightSpecs: tfjs.modelJson.weightsManifest.flatMap((group) => group.weights) as tf.io.WeightsManifestEntry[],
      weightData: tfjs.weightData.slice().buffer,
    }),
  });
});

async function runReference(ids: readonly number[]) {
  const indices = tf.tensor2d(
    ids.flatMap((_, position) => [0, position]),
    [ids.length, 2],
    'int32',
  );
  const values = tf.tensor1d(ids as number[], 'int32');
  const outputs = (await reference.executeAsync({ indices, values }, [USE_LITE_TFJS_OUTPUT, ...sentenceEncoderSoftmaxNodeNames()])) as tf.Tensor[];
  const data = await Promise.all(outputs.map((tensor) => tensor.data<'float32'>()));
  tf.dispose([indices, values, ...outputs]);
  const [embedding, ...attention] = data;
  return { embedding, attention };
}

async function runOnnx(model: ort.InferenceSession, ids: readonly number[]) {
  return model.run({ input_ids: new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length]) });
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return dot / Math.sqrt(normA * normB);
}

const LONG_TEXT = Array.from(
  { length: 12 },
  (_, i) => `Sentence number ${i + 1} talks about markets, attention and prices; it is deliberately long.`,
).join(' ');

const CASES = [
  'Hi',
  'The cat sat on the mat.',
  'Attention is all you need, they said in 2017 — and the market agreed: 42% up!',
  'Café au lait costs €3.50 at 10:30 in São Paulo 😀',
  'Economists and machine-learning researchers both study how scarce resources, such as human or model attention, get allocated when many parties compete for them.',
  LONG_TEXT,
];

describe('USE-lite ONNX conversion', () => {
  it('describes the model it wrote', () => {
    expect(converted.info).toMatchObject({
      id: 'use-lite',
      layers: 2,
      heads: HEADS,
      maxTokens: USE_LITE_MAX_TOKENS,
      causal: false,
      inputName: 'input_ids',
      inputType: 'int32',
      attentionOutputs: ['attention_0', 'attention_1'],
      embeddingOutput: USE_LITE_EMBEDDING_OUTPUT,
      bytes: converted.onnx.byteLength,
    });
    expect(session.inputNames).toEqual(['input_ids']);
    expect([...session.outputNames].sort()).toEqual(['attention_0', 'attention_1', USE_LITE_EMBEDDING_OUTPUT, 'received_0', 'received_1']);
  });

  it('covers 1 to more than 128 tokens', () => {
    const lengths = CASES.map((text) => tokenizer.encode(text).ids.length);
    expect(Math.min(...lengths)).toBeLessThanOrEqual(2);
    expect(Math.max(...lengths)).toBeGreaterThan(USE_LITE_MAX_TOKENS);
  });

  it.each(CASES)('matches TensorFlow.js on %j', async (text) => {
    const { ids } = tokenizer.encode(text);
    const tokens = Math.min(ids.length, USE_LITE_MAX_TOKENS);
    const [ours, theirs] = await Promise.all([runOnnx(session, ids), runReference(ids)]);

    for (let layer = 0; layer < 2; layer++) {
      const attention = ours[`attention_${layer}`];
      expect(attention.dims).toEqual([1, HEADS, tokens, tokens]);
      expect(maxAbsDifference(attention.data as Float32Array, theirs.attention[layer])).toBeLessThan(1e-4);

      // received = column sums of the attention over queries.
      const received = ours[`received_${layer}`];
      expect(received.dims).toEqual([1, HEADS, tokens]);
      const columnSums = new Float64Array(HEADS * tokens);
      theirs.attention[layer].forEach((value, index) => {
        const head = Math.floor(index / (tokens * tokens));
        columnSums[head * tokens + (index % tokens)] += value;
      });
      expect(maxAbsDifference(received.data as Float32Array, columnSums)).toBeLessThan(1e-3);
    }

    const embedding = ours[USE_LITE_EMBEDDING_OUTPUT];
    expect(embedding.dims).toEqual([1, 512]);
    expect(cosine(embedding.data as Float32Array, theirs.embedding)).toBeGreaterThanOrEqual(0.9999);
    expect(maxAbsDifference(embedding.data as Float32Array, theirs.embedding)).toBeLessThan(1e-4);
  });
});
