import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { modelInfoSchema, type ModelInfo } from '../../src/model/onnx/model-info.ts';

/** A converted model, ready to be written to public/models/<id>/. */
export interface ConvertedModel {
  readonly onnx: Uint8Array;
  /** Content of tokenizer.json. */
  readonly tokenizer: unknown;
  readonly info: ModelInfo;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Completes model-info with the size and hash of the ONNX bytes, and validates it. */
export function describeModel(onnx: Uint8Array, fields: Omit<ModelInfo, 'bytes' | 'sha256'>): ModelInfo {
  return modelInfoSchema.parse({ ...fields, bytes: onnx.byteLength, sha256: sha256Hex(onnx) });
}

export const MODEL_FILES = ['model.onnx', 'tokenizer.json', 'model-info.json'] as const;

export async function writeConvertedModel(directory: string, model: ConvertedModel): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFile(path.join(directory, 'model.onnx'), model.onnx);
  await writeFile(path.join(directory, 'tokenizer.json'), JSON.stringify(model.tokenizer));
  await writeFile(path.join(directory, 'model-info.json'), `${JSON.stringify(model.info, null, 2)}\n`);
}
