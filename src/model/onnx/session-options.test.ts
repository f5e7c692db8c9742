import { describe, expect, it } from 'vitest';
import { wasmThreadCount } from './session-options.ts';

describe('wasmThreadCount', () => {
  it("keeps onnxruntime-web's default (half the cores, at most 4) except on 2 cores, which get 2", () => {
    expect([1, 2, 3, 4, 6, 8, 16].map(wasmThreadCount)).toEqual([1, 2, 2, 2, 3, 4, 4]);
  });
});
