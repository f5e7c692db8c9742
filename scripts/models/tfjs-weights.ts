import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** One weight of a TensorFlow.js graph model, decoded from its binary shards. */
export interface TfjsWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

interface WeightsManifestEntry {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

export interface TfjsGraphModel {
  /** The parsed model.json. */
  readonly modelJson: { modelTopology: unknown; weightsManifest: WeightsManifestEntry[] };
  /** All shards of all groups concatenated, in manifest order. */
  readonly weightData: Uint8Array;
  readonly weights: ReadonlyMap<string, TfjsWeight>;
}

/**
 * Reads model.json and its shards. Each manifest group's shards are concatenated; its weights
 * follow one another in manifest order, 4 bytes per element (float32 or int32), without padding.
 */
export async function readTfjsGraphModel(modelJsonPath: string): Promise<TfjsGraphModel> {
  const modelJson = JSON.parse(await readFile(modelJsonPath, 'utf8')) as TfjsGraphModel['modelJson'];
  const directory = path.dirname(modelJsonPath);
  const weights = new Map<string, TfjsWeight>();
  const groups: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest) {
    const shards = await Promise.all(group.paths.map((shard) => readFile(path.join(directory, shard))));
    const bytes = new Uint8Array(Buffer.concat(shards));
    groups.push(bytes);
    let offset = 0;
    for (const spec of group.weights) {
      if (spec.quantization !== undefined) throw new Error(`weight ${spec.name} is quantized; not supported`);
      const count = spec.shape.reduce((product, size) => product * size, 1);
      // Copy out so every weight is 4-byte aligned and owns its buffer.
      const slice = bytes.slice(offset, offset + 4 * count).buffer;
      if (spec.dtype === 'float32') weights.set(spec.name, { name: spec.name, shape: spec.shape, data: new Float32Array(slice) });
      else if (spec.dtype === 'int32') weights.set(spec.name, { name: spec.name, shape: spec.shape, data: new Int32Array(slice) });
      else throw new Error(`weight ${spec.name} has unsupported dtype ${spec.dtype}`);
      offset += 4 * count;
    }
    if (offset !== bytes.length) throw new Error(`weights of ${group.paths.join(', ')} cover ${offset} of ${bytes.length} bytes`);
  }
  return { modelJson, weightData: new Uint8Array(Buffer.concat(groups)), weights };
}

/** The single weight whose name ends with `/suffix` (or equals it); throws when none or several match. */
export function weightBySuffix(weights: ReadonlyMap<string, TfjsWeight>, suffix: string): TfjsWeight {
  const matches = [...weights.values()].filter((weight) => weight.name === suffix || weight.name.endsWith(`/${suffix}`));
  if (matches.length !== 1) throw new Error(`expected one weight named */${suffix}, found ${matches.length}`);
  return matches[0];
}

/** A float32 weight's values, checked against the expected shape. */
export function floatWeight(weights: ReadonlyMap<string, TfjsWeight>, suffix: string, shape: readonly number[]): Float32Array {
  const weight = weightBySuffix(weights, suffix);
  if (!(weight.data instanceof Float32Array)) throw new Error(`weight ${weight.name} is not float32`);
  if (weight.shape.join('x') !== shape.join('x')) {
    throw new Error(`weight ${weight.name} has shape [${weight.shape.join(', ')}], expected [${shape.join(', ')}]`);
  }
  return weight.data;
}
