/**
 * SentencePiece unigram encoder (Viterbi over the piece lattice), as used by the Universal Sentence
 * Encoder Lite. It reproduces the ids of `Tokenizer` in @tensorflow-models/universal-sentence-encoder,
 * the reference the model was published with, including its tie-breaking rules.
 */

import type { Encoding, TextTokenizer } from './types.ts';

/** tokenizer.json of a sentencepiece-unigram model. */
export interface SentencePieceVocabulary {
  readonly type: 'sentencepiece-unigram';
  /** [piece, log-probability score] by token id. */
  readonly pieces: readonly (readonly [string, number])[];
  /** The first ids are reserved (unknown, control symbols) and never matched against text. */
  readonly reservedCount: number;
}

export const WORD_BOUNDARY = '\u2581';
export const UNKNOWN_ID = 0;

interface LatticeEdge {
  readonly start: number;
  readonly id: number;
  readonly score: number;
}

/**
 * Display pieces are the vocabulary pieces (U+2581 marks a word start); an unknown token shows the
 * run of characters it stands for.
 */
export class SentencePieceUnigram implements TextTokenizer {
  private readonly pieceIndex = new Map<string, { id: number; score: number }>();
  private readonly maxPieceLength: number;

  constructor(vocabulary: SentencePieceVocabulary) {
    let maxPieceLength = 1;
    for (let id = vocabulary.reservedCount; id < vocabulary.pieces.length; id++) {
      const [piece, score] = vocabulary.pieces[id];
      // A piece listed twice resolves to its last id, as in the reference.
      this.pieceIndex.set(piece, { id, score });
      maxPieceLength = Math.max(maxPieceLength, Array.from(piece).length);
    }
    this.maxPieceLength = maxPieceLength;
  }

  encode(text: string): Encoding {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return { ids: [], pieces: [] };
    const chars = Array.from(WORD_BOUNDARY + normalized.replaceAll(' ', WORD_BOUNDARY));
    const edgesByEnd = this.buildLattice(chars);

    const bestScore = new Float64Array(chars.length + 1);
    const bestEdge: LatticeEdge[] = new Array(chars.length + 1);
    for (let end = 1; end <= chars.length; end++) {
      for (const edge of edgesByEnd[end]) {
        const score = edge.score + bestScore[edge.start];
        // Same rule as the reference: a best score of exactly 0 counts as "none yet", and ties go
        // to the later edge (the shorter last piece).
        if (bestScore[end] === 0 || score >= bestScore[end]) {
          bestScore[end] = score;
          bestEdge[end] = edge;
        }
      }
    }

    const ids: number[] = [];
    const pieces: string[] = [];
    let end = chars.length;
    while (end > 0) {
      const { start, id } = bestEdge[end];
      const piece = chars.slice(start, end).join('');
      // A run of unknown characters becomes a single unknown token.
      if (id === UNKNOWN_ID && ids.at(-1) === UNKNOWN_ID) pieces[pieces.length - 1] = piece + pieces[pieces.length - 1];
      else {
        ids.push(id);
        pieces.push(piece);
      }
      end = start;
    }
    return { ids: ids.reverse(), pieces: pieces.reverse() };
  }

  /**
   * Edges of the lattice grouped by end position, each group in increasing start order. A
   * position where no piece starts gets a one-character unknown edge.
   */
  private buildLattice(chars: readonly string[]): LatticeEdge[][] {
    const edgesByEnd: LatticeEdge[][] = Array.from({ length: chars.length + 1 }, () => []);
    for (let start = 0; start < chars.length; start++) {
      let candidate = '';
      let matched = false;
      const lastEnd = Math.min(chars.length, start + this.maxPieceLength);
      for (let end = start + 1; end <= lastEnd; end++) {
        candidate += chars[end - 1];
        const entry = this.pieceIndex.get(candidate);
        if (entry) {
          edgesByEnd[end].push({ start, id: entry.id, score: entry.score });
          matched = true;
        }
      }
      if (!matched) edgesByEnd[start + 1].push({ start, id: UNKNOWN_ID, score: 0 });
    }
    return edgesByEnd;
  }
}
