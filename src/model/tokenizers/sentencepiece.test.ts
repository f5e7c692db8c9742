import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Tokenizer, type Vocabulary } from '@tensorflow-models/universal-sentence-encoder/dist/tokenizer/index.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSentenceEncoderVocabulary, sentenceEncoderSourceDir } from '../../../scripts/models/convert-use-lite.ts';
import { SentencePieceUnigram, UNKNOWN_ID, WORD_BOUNDARY } from './sentencepiece.ts';

let ours: SentencePieceUnigram;
let reference: Tokenizer;

beforeAll(async () => {
  ours = new SentencePieceUnigram(await readSentenceEncoderVocabulary());
  // The reference gets the package's vocab.json exactly as published.
  const vocabulary = JSON.parse(await readFile(path.join(sentenceEncoderSourceDir(), 'vocab.json'), 'utf8')) as Vocabulary;
  reference = new Tokenizer(vocabulary);
});

const SENTENCES = [
  'Hello world',
  'The quick brown fox jumps over the lazy dog.',
  'I LOVE New York; do you?',
  "It's 3:45pm, and the meeting at 10:30 was moved to https://example.com/a?b=c.",
  'Café, naïve, résumé, Zürich, São Paulo, Ærøskøbing.',
  'Numbers: 0 1 12 123 1,234.56 -7e10 50% $9.99 #42',
  '   leading and trailing spaces   ',
  'tabs\tand\nnewlines\r\nhere',
  'Emoji 😀 and CJK 漢字 and Greek αβγ and Cyrillic привет',
  '😀😀😀 three unknown characters in a row',
  'ﬁ ligature and full-width ＡＢＣ１２３ normalise under NFKC',
  'Don\'t stop -- "quoted" (parenthesised) [bracketed] {braced} <angled>!?',
  ':) :( :-) :: ::: a:b',
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
  'x',
  '.',
  ' ',
  '',
];

describe('SentencePieceUnigram (USE-lite vocabulary)', () => {
  it.each(SENTENCES)('matches the reference ids on %j', (text) => {
    expect(ours.encode(text).ids).toEqual(reference.encode(text));
  });

  it('matches the reference on random ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (text) => {
        expect(ours.encode(text).ids).toEqual(reference.encode(text));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the reference on random words with accents, digits, punctuation and unknown characters', () => {
    const unit = fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,;:!?\'"-()/éèàüöçñßÉ€£漢😀'));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        expect(ours.encode(text).ids).toEqual(reference.encode(text));
      }),
      { numRuns: 500 },
    );
  });

  it('returns one display piece per id, spelling out the normalised text', () => {
    const text = 'Zürich 漢字😀 is   big';
    const { ids, pieces } = ours.encode(text);
    expect(pieces).toHaveLength(ids.length);
    expect(pieces.join('')).toBe(WORD_BOUNDARY + text.normalize('NFKC').replaceAll(' ', WORD_BOUNDARY));
    // The three unknown characters form one unknown token.
    expect(ids.filter((id) => id === UNKNOWN_ID)).toHaveLength(1);
    expect(pieces[ids.indexOf(UNKNOWN_ID)]).toBe('漢字😀');
  });

  it('starts every non-empty text with a word boundary and encodes the empty text as nothing', () => {
    expect(ours.encode('word').pieces[0].startsWith(WORD_BOUNDARY)).toBe(true);
    expect(ours.encode('')).toEqual({ ids: [], pieces: [] });
  });
});
