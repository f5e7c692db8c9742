import * as ort from 'onnxruntime-web';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Llama2cTokenizer, type Llama2cVocabulary } from '../../src/model/tokenizers/llama2c.ts';
import type { ConvertedModel } from './converted-model.ts';
import { convertStories260k, locateStories260k } from './convert-stories260k.ts';

/** Greedy continuation of BOS given in ../shared/models/stories260K/README.md (its line breaks are spaces). */
const REFERENCE_TEXT =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. ' +
  'One day, she saw a big, red ball. She wanted to play with it, but it was too high.';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const located = await locateStories260k(PROJECT_ROOT);
const HEADS = 8;
const LAYERS = 5;
const VOCAB = 512;

let converted: ConvertedModel;
let session: ort.InferenceSession;
let tokenizer: Llama2cTokenizer;

async function run(ids: readonly number[]) {
  return session.run({ input_ids: new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length]) });
}

describe.skipIf('unavailable' in located)('stories260K ONNX conversion', () => {
  beforeAll(async () => {
    if (!('dir' in located)) return;
    ort.env.wasm.numThreads = 1;
    converted = await convertStories260k(located.dir);
    tokenizer = new Llama2cTokenizer(converted.tokenizer as Llama2cVocabulary);
    session = await ort.InferenceSession.create(converted.onnx);
  });

  it('describes the model it wrote', () => {
    expect(converted.info).toMatchObject({ id: 'stories260k', layers: LAYERS, heads: HEADS, causal: true, bosId: 1, license: 'MIT' });
    expect([...session.outputNames].sort()).toEqual(
      ['logits', ...converted.info.attentionOutputs, ...converted.info.receivedOutputs].sort(),
    );
  });

  it('reproduces the reference greedy continuation of BOS', async () => {
    const ids = [tokenizer.bosId];
    while (tokenizer.decode(ids).length < REFERENCE_TEXT.length && ids.length < 100) {
      const logits = (await run(ids)).logits.data as Float32Array;
      const last = logits.subarray((ids.length - 1) * VOCAB, ids.length * VOCAB);
      ids.push(last.indexOf(Math.max(...last)));
    }
    expect(ids.length).toBeGreaterThan(40);
    expect(tokenizer.decode(ids).slice(0, REFERENCE_TEXT.length)).toBe(REFERENCE_TEXT);
    // The model writes the canonical tokenization of its own text.
    const generated = ids.slice(0, tokenizer.encode(REFERENCE_TEXT).ids.length);
    expect(tokenizer.encode(REFERENCE_TEXT).ids).toEqual(generated);
  });

  it('gives causal attention: rows sum to 1, keys after the query get exactly 0, received = column sums', async () => {
    const { ids } = tokenizer.encode('Tom had a red ball. He gave it to Sue.');
    const tokens = ids.length;
    const outputs = await run(ids);
    for (let layer = 0; layer < LAYERS; layer++) {
      const attention = outputs[`attention_${layer}`];
      expect(attention.dims).toEqual([1, HEADS, tokens, tokens]);
      const values = attention.data as Float32Array;
      const received = outputs[`received_${layer}`].data as Float32Array;
      for (let head = 0; head < HEADS; head++) {
        for (let query = 0; query < tokens; query++) {
          const row = values.subarray((head * tokens + query) * tokens, (head * tokens + query + 1) * tokens);
          expect(row.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 5);
          expect(row.subarray(query + 1).every((value) => value === 0)).toBe(true);
        }
        for (let key = 0; key < tokens; key++) {
          let columnSum = 0;
          for (let query = 0; query < tokens; query++) columnSum += values[(head * tokens + query) * tokens + key];
          expect(received[head * tokens + key]).toBeCloseTo(columnSum, 4);
        }
      }
    }
  });

  it('cuts inputs to maxTokens', async () => {
    const ids = Array.from({ length: converted.info.maxTokens + 3 }, (_, i) => (i === 0 ? 1 : 300 + (i % 50)));
    const outputs = await run(ids);
    expect(outputs.logits.dims).toEqual([1, converted.info.maxTokens, VOCAB]);
  });
});
