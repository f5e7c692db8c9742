/** Token ids of a text, with the text of each token for display (axis labels, token lists). */
export interface Encoding {
  readonly ids: number[];
  readonly pieces: string[];
}

export interface TextTokenizer {
  encode(text: string): Encoding;
}
