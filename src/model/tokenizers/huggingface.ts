/**
 * Tokenizers of models the user brings: Hugging Face tokenizer.json files, run by
 * @huggingface/tokenizers, and bare WordPiece vocab.txt files (BERT and its relatives).
 */
import { Tokenizer } from '@huggingface/tokenizers';
import type { Encoding, TextTokenizer } from './types.ts';

/** tokenizer_config.json fields the tokenizer reads (all optional). */
export type TokenizerConfig = Record<string, unknown>;

/** Whether `json` looks like a Hugging Face tokenizer.json (a `model` section with a `type`). */
export function isHuggingFaceTokenizerJson(json: unknown): json is Record<string, unknown> {
  if (typeof json !== 'object' || json === null || !('model' in json)) return false;
  const model = json.model;
  return typeof model === 'object' && model !== null && 'type' in model;
}

export class HuggingFaceTokenizer implements TextTokenizer {
  private readonly tokenizer: Tokenizer;
  private readonly specialIds: ReadonlySet<number>;

  constructor(tokenizerJson: Record<string, unknown>, config: TokenizerConfig = {}) {
    // The library reads these sections unconditionally; a file may leave them out.
    const complete = { normalizer: null, pre_tokenizer: null, post_processor: null, decoder: null, added_tokens: [], ...tokenizerJson };
    this.tokenizer = new Tokenizer(complete, config);
    this.specialIds = new Set([...this.tokenizer.get_added_tokens_decoder()].filter(([, token]) => token.special).map(([id]) => id));
  }

  /** Longest input the tokenizer's own truncation setting allows, if it sets one. */
  static truncationLength(tokenizerJson: Record<string, unknown>): number | null {
    const truncation = tokenizerJson.truncation as { max_length?: unknown } | null | undefined;
    return typeof truncation?.max_length === 'number' ? truncation.max_length : null;
  }

  encode(text: string): Encoding {
    const { ids, tokens } = this.tokenizer.encode(text);
    const special = ids.flatMap((id, position) => (this.specialIds.has(id) ? [position] : []));
    return { ids, pieces: tokens, special };
  }
}

const BERT_SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/**
 * The tokenizer.json equivalent of a BERT-style vocab.txt (one WordPiece token per line, the line
 * number its id): BERT normalisation and pre-tokenisation, [CLS] ... [SEP] around the text.
 * Lower-cases unless tokenizer_config.json says `do_lower_case: false` or the vocabulary has
 * upper-case words (a cased model).
 */
export function wordPieceTokenizerJson(vocabText: string, config: TokenizerConfig = {}): Record<string, unknown> {
  const tokens = vocabText.split(/\r?\n/);
  while (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop();
  const vocab = Object.fromEntries(tokens.map((token, id) => [token, id]));
  const idOf = (token: string): number => {
    const id = vocab[token];
    if (id === undefined) throw new Error(`vocab.txt has no ${token} token; it does not look like a BERT WordPiece vocabulary.`);
    return id;
  };
  idOf('[UNK]');
  const cased = tokens.some((token) => !BERT_SPECIAL_TOKENS.includes(token) && /^[A-Z]/.test(token));
  const lowercase = typeof config.do_lower_case === 'boolean' ? config.do_lower_case : !cased;
  return {
    added_tokens: BERT_SPECIAL_TOKENS.filter((token) => token in vocab).map((token) => ({ id: vocab[token], content: token, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', cls: ['[CLS]', idOf('[CLS]')], sep: ['[SEP]', idOf('[SEP]')] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}
