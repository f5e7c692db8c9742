import fc from 'fast-check';
import type { AttentionTensor, SquareMatrix } from './types';

/** Builds a matrix from its rows (test fixtures). */
export function matrixOf(rows: number[][]): SquareMatrix {
  return { size: rows.length, values: Float32Array.from(rows.flat()) };
}

/** Builds a tensor from nested [layer][head][query][key] numbers (test fixtures). */
export function tensorOf(layers: number[][][][], causal = false): AttentionTensor {
  const heads = layers[0].length;
  const seqLen = layers[0][0].length;
  return {
    layers: layers.length,
    heads,
    seqLen,
    causal,
    perLayer: layers.map((layer) => Float32Array.from(layer.flat(2))),
  };
}

/**
 * Random attention with strictly positive weights and rows normalised to 1 (causal: keys after
 * the query are 0), so that hiding some keys never empties a visible row.
 */
export function arbitraryAttention(maxSeqLen = 7): fc.Arbitrary<AttentionTensor> {
  return fc
    .record({
      layers: fc.integer({ min: 1, max: 3 }),
      heads: fc.integer({ min: 1, max: 3 }),
      seqLen: fc.integer({ min: 1, max: maxSeqLen }),
      causal: fc.boolean(),
    })
    .chain(({ layers, heads, seqLen, causal }) =>
      fc
        .array(fc.double({ min: 0.01, max: 1, noNaN: true }), {
          minLength: layers * heads * seqLen * seqLen,
          maxLength: layers * heads * seqLen * seqLen,
        })
        .map((weights): AttentionTensor => {
          const cells = heads * seqLen * seqLen;
          const perLayer = Array.from({ length: layers }, (_, l) => {
            const tensor = Float32Array.from(weights.slice(l * cells, (l + 1) * cells));
            for (let row = 0; row < heads * seqLen; row++) {
              const query = row % seqLen;
              const start = row * seqLen;
              if (causal) tensor.fill(0, start + query + 1, start + seqLen);
              let sum = 0;
              for (let j = 0; j < seqLen; j++) sum += tensor[start + j];
              for (let j = 0; j < seqLen; j++) tensor[start + j] /= sum;
            }
            return tensor;
          });
          return { layers, heads, seqLen, causal, perLayer };
        }),
    );
}
