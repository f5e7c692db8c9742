/**
 * Hostile and awkward input for the fuzz and end-to-end tests: numbers at the edges of what a
 * JavaScript number holds, the ways people type them, markup that must stay text, and Unicode
 * that trips naive string handling. Test support only; the app never imports it.
 */
import fc from 'fast-check';
import { MAX_PRICE, MAX_QTY } from '../market/types.ts';

/** Not finite, negative zero, beyond 2^53, subnormal, huge, and one past each documented maximum. */
export const EDGE_NUMBERS: readonly number[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1,
  -1,
  0.5,
  1 - Number.EPSILON,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  MAX_PRICE,
  MAX_PRICE + 1,
  MAX_PRICE + 0.5,
  MAX_QTY,
  MAX_QTY + 1,
];

/**
 * Number literals as they appear in JSON text. Some read as something else: 1e400 as Infinity,
 * 9007199254740993 (2^53 + 1) as 2^53, a 400-digit integer as 1e399.
 */
export const JSON_NUMBER_LITERALS: readonly string[] = [
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '0',
  '9007199254740993',
  '-9007199254740993',
  '1'.repeat(400),
  '1.5',
  '100.000000000000000001',
  String(MAX_PRICE + 1),
  String(MAX_QTY + 1),
  '5',
  '100',
];

/** What people (and pasted text) put in a numeric field. */
export const NUMBER_TEXTS: readonly string[] = [
  ...JSON_NUMBER_LITERALS,
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b11',
  '0o17',
  '1_000',
  '1,000',
  ' 12 ',
  '\u00a012',
  '\u0662\u0663', // Arabic-Indic digits
  '\uff11\uff12', // full-width digits
  '12abc',
  '+5',
  '.5',
  '5.',
  '1e2',
  '--1',
  '1/2',
  '\u200b7', // zero-width space before the digit
];

/** Markup and script payloads that must be shown as the characters they are. */
export const MARKUP_PAYLOADS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '<svg onload=alert(3)><text>x</text></svg>',
  '"><iframe srcdoc="<script>alert(4)</script>"></iframe>',
  "'><a href=javascript:alert(5)>link</a>",
  '</textarea><b id="injected">bold</b>',
  '&lt;entity&gt; &amp; &#x3C;raw',
  ']]><!-- comment --><?xml version="1.0"?>',
  '{{constructor.constructor("alert(6)")()}} ${alert(7)}',
];

/** Unicode that breaks naive code: astral emoji and sequences, CJK, right-to-left, invisible and control characters. */
export const UNICODE_SAMPLES: readonly string[] = [
  '😀 👍🏽 👩‍👩‍👧‍👦 🇺🇦 🏳️‍🌈',
  '漢字かな交じり文、한국어 텍스트',
  'مرحبا بالعالم שלום עולם',
  'left \u202eright-to-left override\u202c \u2066isolate\u2069',
  'zero\u200bwidth\u200c joiner\u200d no-break\ufeff',
  'control \u0000\u0001\u0007\u0008\u001b[31m\u007f\u0085 end',
  'lines\r\nand\u2028separators\u2029here\ttab',
  'Z\u0351\u0358\u0300\u0301a\u0352\u0353l\u0354\u0355g\u0356\u0357o',
  'lone \ud800 surrogate \udfff halves',
];

/** UTF-16 text of any code unit, lone surrogate halves included (what a JavaScript string can hold). */
const anyCodeUnits = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), maxLength });

/** Any string: the curated samples, whole-range code points, and raw code units. */
export const hostileText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...MARKUP_PAYLOADS, ...UNICODE_SAMPLES),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    anyCodeUnits(maxLength),
  );

/** Text typed into a numeric field: the curated cases, printed numbers of every kind, anything at all. */
export const numberText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...NUMBER_TEXTS) },
    fc.constantFrom(...EDGE_NUMBERS).map(String),
    // Near the valid amounts: whole numbers with a fraction, and small numbers of any sign.
    fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 999 })).map(([whole, fraction]) => `${whole}.${fraction}`),
    fc.double({ min: -10, max: 10 }).map(String),
    fc.double().map(String),
    fc.integer({ min: -2 * MAX_PRICE, max: 2 * MAX_PRICE }).map(String),
    fc.bigInt().map(String),
    hostileText(12),
  );
