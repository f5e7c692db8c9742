import { describe, expect, it } from 'vitest';
import { GraphBuilder, decodeModel, encodeModel, floatAttr, tensorProto } from './graph-builder.ts';

describe('GraphBuilder', () => {
  it('round-trips a graph through protobuf with typed attributes and symbolic dims', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 'T', 8]);
    const normalised = b.op('LayerNormalization', [x, b.initializer('scale', new Float32Array(8).fill(1), [8])], {
      axis: -1,
      epsilon: floatAttr(1e-6),
    });
    b.op('Transpose', [normalised], { perm: [0, 2, 1] }, 'y');
    b.output('y', 'float32', [1, 8, 'T']);
    const model = decodeModel(encodeModel(b.toModel({ opset: 17, producerName: 'test', metadata: { origin: 'unit' } })));

    expect(Number(model.opsetImport[0].version)).toBe(17);
    expect(model.metadataProps).toEqual([expect.objectContaining({ key: 'origin', value: 'unit' })]);
    expect(model.graph!.input![0].type!.tensorType!.shape!.dim!.map((dim) => dim.dimParam || Number(dim.dimValue))).toEqual([1, 'T', 8]);
    const [layerNorm, transpose] = model.graph!.node!;
    expect(layerNorm.attribute!.find((attribute) => attribute.name === 'epsilon')!.f).toBeCloseTo(1e-6, 12);
    expect(transpose.attribute![0].ints!.map(Number)).toEqual([0, 2, 1]);
    expect(transpose.output).toEqual(['y']);
    const raw = Uint8Array.from(model.graph!.initializer![0].rawData!);
    expect(new Float32Array(raw.buffer)).toEqual(new Float32Array(8).fill(1));
  });

  it('shares literal constants and keeps value names unique', () => {
    const b = new GraphBuilder('g');
    expect(b.int64s([0, 1])).toBe(b.int64s([0, 1]));
    expect(b.floatScalar(2)).not.toBe(b.floatScalar(3));
    expect(b.uniqueName('v')).toBe('v');
    expect(b.uniqueName('v')).toBe('v_1');
    expect(() => b.input('v', 'float32', [1])).toThrow(/already used/);
  });

  it('rejects mistakes early', () => {
    const b = new GraphBuilder('g');
    expect(() => tensorProto('t', new Float32Array(5), [2, 3])).toThrow(/do not fill/);
    expect(() => b.op('Elu', ['x'], { alpha: 0.5 })).toThrow(/floatAttr/);
    expect(() => b.output('missing', 'float32', [1])).toThrow(/not produced/);
  });
});
