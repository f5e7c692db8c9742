import { describe, expect, it } from 'vitest';
import { tokenizerFromJson } from './index.ts';
import { Llama2cTokenizer } from './llama2c.ts';
import { SentencePieceUnigram } from './sentencepiece.ts';

describe('tokenizerFromJson', () => {
  it('picks the tokenizer by type', () => {
    const pieces = [['<unk>', 0], ['a', -1]];
    expect(tokenizerFromJson({ type: 'sentencepiece-unigram', pieces, reservedCount: 1 })).toBeInstanceOf(SentencePieceUnigram);
    const bytes = Array.from({ length: 256 }, (_, byte) => [`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, 0]);
    const llama = { type: 'llama2c-bpe', pieces: [['<unk>', 0], ['<s>', 0], ['</s>', 0], ...bytes], bosId: 1, eosId: 2 };
    expect(tokenizerFromJson(llama)).toBeInstanceOf(Llama2cTokenizer);
  });

  it('rejects unknown tokenizer files', () => {
    expect(() => tokenizerFromJson({ type: 'wordpiece' })).toThrow(/wordpiece/);
    expect(() => tokenizerFromJson(null)).toThrow(/unsupported/);
  });
});
