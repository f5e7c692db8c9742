import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryAttention, tensorOf } from '../attention/testTensors';
import { attentionJson } from './json';

describe('attentionJson', () => {
  it('writes exactly model, backend, tokens, layers, heads and attention[l][h][i][j]', () => {
    const attention = tensorOf([
      [
        [
          [1, 0],
          [0.1, 0.9],
        ],
      ],
      [
        [
          [0.5, 0.5],
          [0.25, 0.75],
        ],
      ],
    ]);
    const text = attentionJson({ model: 'use-lite', backend: 'wasm', tokens: ['\u2581Hi', '"!"'], attention });
    expect(text).toBe(
      '{"model":"use-lite","backend":"wasm","tokens":["\u2581Hi","\\"!\\""],"layers":2,"heads":1,' +
        '"attention":[[[[1,0],[0.1,0.9]]],[[[0.5,0.5],[0.25,0.75]]]]}',
    );
    expect(Object.keys(JSON.parse(text))).toEqual(['model', 'backend', 'tokens', 'layers', 'heads', 'attention']);
  });

  it('reads back to the same float32 tensor', () => {
    fc.assert(
      fc.property(arbitraryAttention(), (attention) => {
        const tokens = Array.from({ length: attention.seqLen }, (_, i) => `t${i}`);
        const parsed = JSON.parse(attentionJson({ model: 'm', backend: 'webgpu', tokens, attention })) as {
          layers: number;
          heads: number;
          attention: number[][][][];
        };
        expect([parsed.layers, parsed.heads]).toEqual([attention.layers, attention.heads]);
        parsed.attention.forEach((layer, l) =>
          expect(Float32Array.from(layer.flat(2))).toEqual(attention.perLayer[l]),
        );
      }),
    );
  });

  it('refuses tokens that do not match the tensor', () => {
    const attention = tensorOf([[[[1]]]]);
    expect(() => attentionJson({ model: 'm', backend: 'wasm', tokens: ['a', 'b'], attention })).toThrow(RangeError);
  });
});
