import { describe, expect, it } from 'vitest';
import { HuggingFaceTokenizer, isHuggingFaceTokenizerJson, wordPieceTokenizerJson } from './huggingface.ts';
import { tokenizerFromJson } from './index.ts';
import { SentencePieceUnigram } from './sentencepiece.ts';

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'cat', 'sat', 'on', 'mat', '##s', '.', 'play'];

/** A BERT-style tokenizer.json as Hugging Face's tokenizers library writes it, cut down to a dozen tokens. */
function bertTokenizerJson(): Record<string, unknown> {
  const vocab = Object.fromEntries(VOCAB.map((token, id) => [token, id]));
  const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: 256, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

describe('Hugging Face tokenizer.json', () => {
  it('encodes with the special tokens the post-processor adds, and says where they are', () => {
    const tokenizer = tokenizerFromJson(bertTokenizerJson());
    expect(tokenizer).toBeInstanceOf(HuggingFaceTokenizer);
    expect(tokenizer.encode('The cats sat on the MAT.')).toEqual({
      ids: [2, 5, 6, 10, 7, 8, 5, 9, 11, 3],
      pieces: ['[CLS]', 'the', 'cat', '##s', 'sat', 'on', 'the', 'mat', '.', '[SEP]'],
      special: [0, 9],
    });
  });

  it('marks every token the file declares special, [UNK] included', () => {
    const encoding = tokenizerFromJson(bertTokenizerJson()).encode('the dog');
    expect(encoding.pieces).toEqual(['[CLS]', 'the', '[UNK]', '[SEP]']);
    expect(encoding.special).toEqual([0, 2, 3]);
  });

  it('reads the truncation length a tokenizer.json sets', () => {
    expect(HuggingFaceTokenizer.truncationLength(bertTokenizerJson())).toBe(256);
    expect(HuggingFaceTokenizer.truncationLength({ ...bertTokenizerJson(), truncation: null })).toBeNull();
  });

  it('tells Hugging Face files from ours', () => {
    expect(isHuggingFaceTokenizerJson(bertTokenizerJson())).toBe(true);
    expect(isHuggingFaceTokenizerJson({ type: 'sentencepiece-unigram', pieces: [] })).toBe(false);
    expect(tokenizerFromJson({ type: 'sentencepiece-unigram', pieces: [['<unk>', 0], ['a', -1]], reservedCount: 1 })).toBeInstanceOf(SentencePieceUnigram);
    expect(() => tokenizerFromJson({ model: { vocab: {} } })).toThrow(/unsupported tokenizer.json/);
  });
});

describe('WordPiece vocab.txt', () => {
  it('tokenizes like the equivalent tokenizer.json', () => {
    const fromVocab = tokenizerFromJson(wordPieceTokenizerJson(`${VOCAB.join('\n')}\n`));
    const fromJson = tokenizerFromJson(bertTokenizerJson());
    for (const text of ['The cats sat on the MAT.', 'play the mats', 'the dog']) expect(fromVocab.encode(text)).toEqual(fromJson.encode(text));
  });

  it('keeps case for a cased vocabulary unless the config says otherwise', () => {
    const cased = `${[...VOCAB, 'The'].join('\n')}\n`;
    expect(tokenizerFromJson(wordPieceTokenizerJson(cased)).encode('The cat').pieces).toEqual(['[CLS]', 'The', 'cat', '[SEP]']);
    expect(tokenizerFromJson(wordPieceTokenizerJson(cased, { do_lower_case: true })).encode('The cat').pieces).toEqual(['[CLS]', 'the', 'cat', '[SEP]']);
  });

  it('rejects a file that is not a BERT vocabulary', () => {
    expect(() => wordPieceTokenizerJson('a\nb\nc\n')).toThrow(/no \[UNK\] token/);
  });
});
