import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Llama2cTokenizer, type Llama2cVocabulary } from './llama2c.ts';

/** A tiny vocabulary laid out like llama2.c's: <unk>, BOS, EOS, 256 byte pieces, then merges. */
function vocabulary(merges: [string, number][]): Llama2cVocabulary {
  const bytes = Array.from({ length: 256 }, (_, byte): [string, number] => [
    `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`,
    0,
  ]);
  return { type: 'llama2c-bpe', pieces: [['<unk>', 0], ['\n<s>\n', 0], ['\n</s>\n', 0], ...bytes, ...merges], bosId: 1, eosId: 2 };
}

const FIRST_MERGE = 259;
const tokenizer = new Llama2cTokenizer(
  vocabulary([
    [' ', -10],
    ['a', -10],
    ['b', -10],
    ['c', -10],
    ['ab', -1], // 263
    ['bc', -2],
    [' ab', -3],
    ['abc', -4],
    ['ca', -1],
    ['é', -10],
  ]),
);
const id = (piece: string) => FIRST_MERGE + [' ', 'a', 'b', 'c', 'ab', 'bc', ' ab', 'abc', 'ca', 'é'].indexOf(piece);

describe('Llama2cTokenizer', () => {
  it('prepends BOS and a dummy-prefix space, then merges the best-scoring pair first', () => {
    // " abc": ' '+a+b+c -> ' '+ab+c (ab scores best) -> ' ab'+c (' ab' beats 'abc' which needs 'ab'+'c').
    expect(tokenizer.encode('abc')).toEqual({ ids: [1, id(' ab'), id('c')], pieces: ['<s>', ' ab', 'c'], special: [0] });
  });

  it('merges the leftmost pair when scores tie', () => {
    // "cab" -> ' ' c a b: 'ca' and 'ab' both score -1; the leftmost ('ca') merges first.
    expect(tokenizer.encodeText('cab')).toEqual([id(' '), id('ca'), id('b')]);
  });

  it('falls back to one byte piece per UTF-8 byte for characters without a piece', () => {
    expect(tokenizer.encodeText('é€')).toEqual([id(' '), id('é'), 0xe2 + 3, 0x82 + 3, 0xac + 3]);
  });

  it('encodes the empty text as BOS alone', () => {
    expect(tokenizer.encode('').ids).toEqual([1]);
  });

  it('decodes what it encodes, dropping the space after BOS', () => {
    fc.assert(
      // Any code points (never lone surrogates, which UTF-8 cannot carry).
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(tokenizer.decode(tokenizer.encode(text).ids)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no adjacent pair that still forms a piece', () => {
    const alphabet = fc.constantFrom(...Array.from('abc é'));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, minLength: 1, maxLength: 30 }), (text) => {
        const ids = tokenizer.encodeText(text);
        const pieces = tokenizer.encode(text).pieces.slice(1);
        expect(pieces.join('')).toBe(` ${text}`);
        for (let i = 0; i + 1 < ids.length; i++) {
          expect(['ab', 'bc', ' ab', 'abc', 'ca']).not.toContain(pieces[i] + pieces[i + 1]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
