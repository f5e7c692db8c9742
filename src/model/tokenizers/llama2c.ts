/**
 * The tokenizer of llama2.c models (tokenizer.bin / tok512.bin): sentencepiece-style BPE applied
 * by score, with byte fallback. Encoding follows llama2.c's `encode`: a dummy-prefix space, one
 * piece per UTF-8 character (or one byte piece per byte when the character has no piece), then
 * repeated merging of the adjacent pair whose concatenation is the highest-scoring piece.
 */
import type { Encoding, TextTokenizer } from './types.ts';

/** tokenizer.json of a llama2.c model. */
export interface Llama2cVocabulary {
  readonly type: 'llama2c-bpe';
  /** [piece, merge score] by token id; pieces `<0x00>`..`<0xFF>` stand for single bytes. */
  readonly pieces: readonly (readonly [string, number])[];
  readonly bosId: number;
  readonly eosId: number;
}

const BYTE_PIECE = /^<0x([0-9A-F]{2})>$/;

export class Llama2cTokenizer implements TextTokenizer {
  private readonly idByPiece = new Map<string, number>();
  private readonly byteIds = new Int32Array(256).fill(-1);
  private readonly pieceBytes: Uint8Array[];
  private readonly encoder = new TextEncoder();

  constructor(private readonly vocabulary: Llama2cVocabulary) {
    vocabulary.pieces.forEach(([piece], id) => {
      if (!this.idByPiece.has(piece)) this.idByPiece.set(piece, id);
      const byte = BYTE_PIECE.exec(piece);
      if (byte) this.byteIds[parseInt(byte[1], 16)] = id;
    });
    if (this.byteIds.includes(-1)) throw new Error('llama2.c vocabulary lacks some of the <0xNN> byte pieces');
    this.pieceBytes = vocabulary.pieces.map(([piece]) => {
      const byte = BYTE_PIECE.exec(piece);
      return byte ? Uint8Array.of(parseInt(byte[1], 16)) : this.encoder.encode(piece);
    });
  }

  get bosId(): number {
    return this.vocabulary.bosId;
  }

  get eosId(): number {
    return this.vocabulary.eosId;
  }

  /** Ids starting with BOS, as the model expects; the BOS piece is displayed as `<s>`. */
  encode(text: string): Encoding {
    const ids = [this.vocabulary.bosId, ...this.encodeText(text)];
    return { ids, pieces: ids.map((id) => this.displayPiece(id)), special: [0] };
  }

  /** Ids of `text` without BOS. */
  encodeText(text: string): number[] {
    if (text.length === 0) return [];
    const ids: number[] = [];
    for (const char of ` ${text}`) {
      const id = this.idByPiece.get(char);
      if (id !== undefined) ids.push(id);
      else for (const byte of this.encoder.encode(char)) ids.push(this.byteIds[byte]);
    }
    return this.mergePairs(ids);
  }

  /** Text of a token sequence; a leading space right after BOS is dropped, as llama2.c prints it. */
  decode(ids: readonly number[]): string {
    const chunks: Uint8Array[] = [];
    ids.forEach((id, index) => {
      if (id === this.vocabulary.bosId || id === this.vocabulary.eosId) return;
      const bytes = this.pieceBytes[id];
      const afterBos = index > 0 && ids[index - 1] === this.vocabulary.bosId;
      chunks.push(afterBos && bytes[0] === 0x20 ? bytes.subarray(1) : bytes);
    });
    const all = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return new TextDecoder().decode(all);
  }

  displayPiece(id: number): string {
    if (id === this.vocabulary.bosId) return '<s>';
    if (id === this.vocabulary.eosId) return '</s>';
    return this.vocabulary.pieces[id][0];
  }

  /**
   * Repeatedly merges the adjacent pair whose concatenation is a piece with the highest score
   * (the leftmost such pair on ties), until no pair forms a piece.
   */
  private mergePairs(initial: readonly number[]): number[] {
    const ids = [...initial];
    // pairScores[i]: score of the piece ids[i] + ids[i+1], or -Infinity when there is none.
    const pairScores = ids.slice(0, -1).map((_, i) => this.pairScore(ids[i], ids[i + 1]).score);
    for (;;) {
      let best = -1;
      for (let i = 0; i < pairScores.length; i++) {
        if (pairScores[i] > (best < 0 ? -Infinity : pairScores[best])) best = i;
      }
      if (best < 0) return ids;
      ids.splice(best, 2, this.pairScore(ids[best], ids[best + 1]).id);
      pairScores.splice(best, 1);
      if (best > 0) pairScores[best - 1] = this.pairScore(ids[best - 1], ids[best]).score;
      if (best < ids.length - 1) pairScores[best] = this.pairScore(ids[best], ids[best + 1]).score;
    }
  }

  private pairScore(left: number, right: number): { id: number; score: number } {
    const id = this.idByPiece.get(this.vocabulary.pieces[left][0] + this.vocabulary.pieces[right][0]);
    return id === undefined ? { id: -1, score: -Infinity } : { id, score: this.vocabulary.pieces[id][1] };
  }
}
