import { describe, expect, it } from 'vitest';
import {
  DEFAULT_USER_MAX_TOKENS,
  MAX_USER_MODEL_BYTES,
  UserModelError,
  attentionHeads,
  checkModelSize,
  isCausalAttention,
  pickUserModelFiles,
  userModelUrls,
  userTokenizer,
} from './userModel.ts';

const blob = (text = '') => new Blob([text]);

describe('userModelUrls', () => {
  it('reads a Hub repository page from its main branch, onnx/model.onnx first', () => {
    expect(userModelUrls('https://huggingface.co/owner/bert-tiny')).toEqual({
      model: ['https://huggingface.co/owner/bert-tiny/resolve/main/onnx/model.onnx', 'https://huggingface.co/owner/bert-tiny/resolve/main/model.onnx'],
      tokenizer: 'https://huggingface.co/owner/bert-tiny/resolve/main/tokenizer.json',
      tokenizerConfig: 'https://huggingface.co/owner/bert-tiny/resolve/main/tokenizer_config.json',
      vocab: 'https://huggingface.co/owner/bert-tiny/resolve/main/vocab.txt',
    });
  });

  it('takes any other folder URL as it is, with or without the final slash', () => {
    expect(userModelUrls('http://127.0.0.1:4173/models/stories260k').model).toEqual([
      'http://127.0.0.1:4173/models/stories260k/onnx/model.onnx',
      'http://127.0.0.1:4173/models/stories260k/model.onnx',
    ]);
  });

  it('rejects what it cannot fetch', () => {
    expect(() => userModelUrls('models/bert')).toThrow(/is not a URL/);
    expect(() => userModelUrls('file:///home/me/model')).toThrow(/Only http and https/);
  });
});

describe('pickUserModelFiles', () => {
  it('finds model.onnx and its tokenizer files in a picked folder and names the model after the folder', () => {
    const model = blob('onnx');
    const tokenizer = blob('{}');
    const picked = pickUserModelFiles([
      { path: 'bert-tiny/README.md', file: blob() },
      { path: 'bert-tiny/onnx/model_quantized.onnx', file: blob() },
      { path: 'bert-tiny/onnx/model.onnx', file: model },
      { path: 'bert-tiny/tokenizer.json', file: tokenizer },
    ]);
    expect(picked.label).toBe('bert-tiny');
    expect(picked.files).toEqual({ model, tokenizer, tokenizerConfig: undefined, vocab: undefined });
  });

  it('takes a lone .onnx file of another name, named after itself', () => {
    const picked = pickUserModelFiles([{ path: 'tiny.onnx', file: blob() }, { path: 'vocab.txt', file: blob() }]);
    expect(picked.label).toBe('tiny.onnx');
    expect(picked.files.vocab).toBeDefined();
  });

  it('asks for a graph when there is none, or for one when there are several', () => {
    expect(() => pickUserModelFiles([{ path: 'tokenizer.json', file: blob() }])).toThrow(/No \.onnx file among tokenizer\.json/);
    expect(() => pickUserModelFiles([{ path: 'a.onnx', file: blob() }, { path: 'b.onnx', file: blob() }])).toThrow(/Several \.onnx files \(a\.onnx, b\.onnx\)/);
  });
});

describe('checkModelSize', () => {
  it('accepts the limit and refuses one byte more', () => {
    expect(() => checkModelSize(MAX_USER_MODEL_BYTES, 'model.onnx')).not.toThrow();
    expect(() => checkModelSize(MAX_USER_MODEL_BYTES + 1, 'model.onnx')).toThrow(/model\.onnx is 512 MiB; the app loads models of up to 512 MiB/);
  });
});

describe('userTokenizer', () => {
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'hello'].join('\n');

  it('takes the length limit from tokenizer_config.json unless it is a "no limit" placeholder', () => {
    expect(userTokenizer({ vocab, tokenizerConfig: '{"model_max_length": 128}' }).maxTokens).toBe(128);
    expect(userTokenizer({ vocab, tokenizerConfig: '{"model_max_length": 1000000000000000019884624838656}' }).maxTokens).toBe(DEFAULT_USER_MAX_TOKENS);
    expect(userTokenizer({ vocab }).tokenizer.encode('hello').pieces).toEqual(['[CLS]', 'hello', '[SEP]']);
  });

  it('says which file is wrong', () => {
    expect(() => userTokenizer({})).toThrow(/No tokenizer: give tokenizer\.json/);
    expect(() => userTokenizer({ tokenizerJson: '{ not json' })).toThrow(/tokenizer\.json is not valid JSON/);
    expect(() => userTokenizer({ tokenizerJson: '{"type": "bpe"}' })).toThrow(UserModelError);
  });
});

describe('attention discovery', () => {
  it('reads the heads from [1, heads, T, T] or [heads, T, T] outputs', () => {
    expect(attentionHeads([{ name: 'a', type: 'float32', dims: [1, 12, 5, 5] }], 5)).toBe(12);
    expect(attentionHeads([{ name: 'a', type: 'float32', dims: [4, 5, 5] }], 5)).toBe(4);
  });

  it('explains shapes, types and head counts it cannot show', () => {
    expect(() => attentionHeads([{ name: 'a', type: 'float16', dims: [1, 2, 5, 5] }], 5)).toThrow(/a is float16/);
    expect(() => attentionHeads([{ name: 'a', type: 'float32', dims: [2, 2, 5, 5] }], 5)).toThrow(/shape \[2, 2, 5, 5\] for 5 tokens/);
    const mixed = [
      { name: 'a', type: 'float32', dims: [1, 2, 3, 3] },
      { name: 'b', type: 'float32', dims: [1, 4, 3, 3] },
    ];
    expect(() => attentionHeads(mixed, 3)).toThrow(/different numbers of heads \(2, 4\)/);
  });

  it('calls attention causal when no query attends to a later key in any head', () => {
    const lower = Float32Array.of(1, 0, 0.5, 0.5, 1, 0, 0.2, 0.8);
    const full = Float32Array.of(1, 0, 0.5, 0.5, 0.9, 0.1, 0.2, 0.8);
    expect(isCausalAttention([lower], 2)).toBe(true);
    expect(isCausalAttention([lower, full], 2)).toBe(false);
    expect(isCausalAttention([Float32Array.of(1)], 1)).toBe(false);
  });
});
