/**
 * `npm run prepare-models`: converts the bundled models to ONNX under public/models/<id>/.
 * Skips a model whose outputs are up to date: a stamp records the hash of its inputs and of the
 * converter sources, so a changed weight file or converter triggers a rebuild. Writes
 * public/models/index.json listing the models that are there, which is what the app offers.
 */
import { access, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { modelInfoSchema } from '../../src/model/onnx/model-info.ts';
import { MODELS_INDEX_PATH, builtInLabel, type ModelsIndex } from '../../src/model/registry.ts';
import { MODEL_FILES, sha256Hex, writeConvertedModel, type ConvertedModel } from './converted-model.ts';
import { STORIES_FILES, convertStories260k, locateStories260k } from './convert-stories260k.ts';
import { convertUseLite, sentenceEncoderInputFiles } from './convert-use-lite.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const PUBLIC_ROOT = path.join(PROJECT_ROOT, 'public');
const OUTPUT_ROOT = path.join(PUBLIC_ROOT, 'models');
const STAMP_FILE = 'stamp.json';
/** Source folders whose code shapes the generated files. */
const CONVERTER_SOURCES = ['scripts/models', 'src/model/onnx', 'src/model/tokenizers'];

/** A model's input files and how to convert them, or why they are not available. */
type LocatedInputs = { files: string[]; convert: () => Promise<ConvertedModel> } | { unavailable: string };

interface ModelJob {
  readonly id: string;
  readonly locate: () => Promise<LocatedInputs>;
}

const JOBS: ModelJob[] = [
  {
    id: 'use-lite',
    locate: async () => ({ files: await sentenceEncoderInputFiles(), convert: () => convertUseLite() }),
  },
  {
    id: 'stories260k',
    locate: async () => {
      const located = await locateStories260k(PROJECT_ROOT);
      if ('unavailable' in located) return located;
      return {
        files: [STORIES_FILES.checkpoint, STORIES_FILES.tokenizer].map((file) => path.join(located.dir, file.name)),
        convert: () => convertStories260k(located.dir),
      };
    },
  },
];

async function converterFingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const folder of CONVERTER_SOURCES) {
    const files = (await readdir(path.join(PROJECT_ROOT, folder), { recursive: true }))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .sort();
    for (const file of files) parts.push(`${folder}/${file}:${sha256Hex(await readFile(path.join(PROJECT_ROOT, folder, file)))}`);
  }
  return sha256Hex(parts.join('\n'));
}

async function inputsFingerprint(files: readonly string[], converter: string): Promise<string> {
  const parts = [`converter:${converter}`];
  for (const file of files) parts.push(`${path.basename(file)}:${sha256Hex(await readFile(file))}`);
  return sha256Hex(parts.join('\n'));
}

async function isUpToDate(directory: string, fingerprint: string): Promise<boolean> {
  try {
    const stamp = JSON.parse(await readFile(path.join(directory, STAMP_FILE), 'utf8')) as { fingerprint?: string };
    if (stamp.fingerprint !== fingerprint) return false;
    await Promise.all(MODEL_FILES.map((file) => access(path.join(directory, file))));
    return true;
  } catch {
    return false;
  }
}

/** Converts the job's model unless it is up to date; returns whether its files are there. */
async function prepare(job: ModelJob, converter: string): Promise<boolean> {
  const directory = path.join(OUTPUT_ROOT, job.id);
  const relative = path.relative(PROJECT_ROOT, directory);
  const inputs = await job.locate();
  if ('unavailable' in inputs) {
    console.log(`[prepare-models] ${job.id}: skipped (not an error; the app works without it): ${inputs.unavailable}`);
    return false;
  }
  const fingerprint = await inputsFingerprint(inputs.files, converter);
  if (await isUpToDate(directory, fingerprint)) {
    console.log(`[prepare-models] ${job.id}: up to date (${relative})`);
    return true;
  }
  const started = performance.now();
  const model = await inputs.convert();
  await writeConvertedModel(directory, model);
  await writeFile(path.join(directory, STAMP_FILE), `${JSON.stringify({ fingerprint }, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const megabytes = (model.info.bytes / 1e6).toFixed(1);
  console.log(`[prepare-models] ${job.id}: converted in ${seconds} s -> ${relative}/model.onnx (${megabytes} MB)`);
  return true;
}

async function writeIndex(ids: readonly string[]): Promise<void> {
  const index: ModelsIndex = { models: [] };
  for (const id of ids) {
    const info = modelInfoSchema.parse(JSON.parse(await readFile(path.join(OUTPUT_ROOT, id, 'model-info.json'), 'utf8')));
    index.models.push({ id, label: builtInLabel(info), path: `${id}/` });
  }
  await writeFile(path.join(PUBLIC_ROOT, MODELS_INDEX_PATH), `${JSON.stringify(index, null, 2)}\n`);
  console.log(`[prepare-models] ${MODELS_INDEX_PATH}: ${ids.join(', ') || 'no models'}`);
}

const converter = await converterFingerprint();
const prepared: string[] = [];
for (const job of JOBS) if (await prepare(job, converter)) prepared.push(job.id);
await writeIndex(prepared);
