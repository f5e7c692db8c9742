/**
 * The independent reference for the default model: TensorFlow.js running the package's original
 * model.json, with the reference tokenizer of @tensorflow-models/universal-sentence-encoder.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sentenceEncoderSoftmaxNodeNames, sentenceEncoderSourceDir, USE_LITE_MAX_TOKENS } from '../../scripts/models/convert-use-lite';
import { readTfjsGraphModel } from '../../scripts/models/tfjs-weights';

export interface ReferenceRun {
  ids: number[];
  /** attention[l][h] is a T x T row-major Float32Array. */
  attention: Float32Array[][];
}

export interface UseLiteReference {
  run(text: string): Promise<ReferenceRun>;
}

let loading: Promise<UseLiteReference> | null = null;

export function useLiteReference(): Promise<UseLiteReference> {
  loading ??= load();
  return loading;
}

async function load(): Promise<UseLiteReference> {
  await tf.setBackend('cpu');
  const sourceDir = sentenceEncoderSourceDir();
  const tfjs = await readTfjsGraphModel(path.join(sourceDir, 'model.json'));
  const vocabulary = JSON.parse(await readFile(path.join(sourceDir, 'vocab.json'), 'utf8')) as [string, number][];
  const tokenizer = new Tokenizer(vocabulary);
  const model: GraphModel = await loadGraphModel({
    load: async () => ({
      modelTopology: tfjs.modelJson.modelTopology as object,
      weightSpecs: tfjs.modelJson.weightsManifest.flatMap((group) => group.weights) as tf.io.WeightsManifestEntry[],
      weightData: tfjs.weightData.slice().buffer,
    }),
  });
  const softmaxNodes = sentenceEncoderSoftmaxNodeNames();
  return {
    async run(text) {
      const ids = tokenizer.encode(text).slice(0, USE_LITE_MAX_TOKENS);
      const indices = tf.tensor2d(ids.flatMap((_, position) => [0, position]), [ids.length, 2], 'int32');
      const values = tf.tensor1d(ids, 'int32');
      const outputs = (await model.executeAsync({ indices, values }, softmaxNodes)) as tf.Tensor[];
      const data = await Promise.all(outputs.map((tensor) => tensor.data<'float32'>()));
      tf.dispose([indices, values, ...outputs]);
      const t = ids.length;
      // Each Softmax is [heads * T, T]: head h's matrix is rows h*T..h*T+T-1.
      const attention = data.map((layer) => {
        const heads = layer.length / (t * t);
        return Array.from({ length: heads }, (_, h) => layer.slice(h * t * t, (h + 1) * t * t));
      });
      return { ids, attention };
    },
  };
}
