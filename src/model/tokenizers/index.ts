import { Llama2cTokenizer, type Llama2cVocabulary } from './llama2c.ts';
import { SentencePieceUnigram, type SentencePieceVocabulary } from './sentencepiece.ts';
import type { TextTokenizer } from './types.ts';

export type { Encoding, GenerativeTokenizer, TextTokenizer } from './types.ts';
export { isGenerativeTokenizer } from './types.ts';

/** The tokenizer described by a converted model's tokenizer.json (its `type` picks the algorithm). */
export function tokenizerFromJson(json: unknown): TextTokenizer {
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
  if (type === 'sentencepiece-unigram') return new SentencePieceUnigram(json as SentencePieceVocabulary);
  if (type === 'llama2c-bpe') return new Llama2cTokenizer(json as Llama2cVocabulary);
  throw new Error(`unsupported tokenizer.json type ${JSON.stringify(type)}`);
}
