/** Token ids of a text, with the text of each token for display (axis labels, token lists). */
export interface Encoding {
  readonly ids: number[];
  readonly pieces: string[];
  /** Positions of the special tokens the tokenizer added ([CLS], [SEP], BOS), if it adds any. */
  readonly special?: number[];
}

export interface TextTokenizer {
  encode(text: string): Encoding;
}

/** A tokenizer that can also turn generated ids back into text (causal language models). */
export interface GenerativeTokenizer extends TextTokenizer {
  readonly eosId: number;
  decode(ids: readonly number[]): string;
  displayPiece(id: number): string;
}

export function isGenerativeTokenizer(tokenizer: TextTokenizer): tokenizer is GenerativeTokenizer {
  return 'decode' in tokenizer && 'displayPiece' in tokenizer && 'eosId' in tokenizer;
}
