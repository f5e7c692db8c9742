import { describe, expect, it } from 'vitest';
import { InputDiscoveryError, inputArrays, planInputs, type InputMetadata } from './inputs.ts';

const tensor = (name: string, type = 'int64', shape: (number | string)[] = ['batch', 'sequence']): InputMetadata => ({ name, isTensor: true, type, shape });

describe('planInputs', () => {
  it('recognises the inputs of a BERT export and keeps their integer types', () => {
    const plan = planInputs([tensor('input_ids'), tensor('attention_mask'), tensor('token_type_ids', 'int32')]);
    expect(plan).toEqual([
      { name: 'input_ids', role: 'token-ids', type: 'int64' },
      { name: 'attention_mask', role: 'attention-mask', type: 'int64' },
      { name: 'token_type_ids', role: 'token-type-ids', type: 'int32' },
    ]);
  });

  it('takes a lone input with another name as the token ids', () => {
    expect(planInputs([tensor('tokens_in', 'int32', [1, 'T'])])).toEqual([{ name: 'tokens_in', role: 'token-ids', type: 'int32' }]);
  });

  it.each([
    [[tensor('input_ids'), tensor('past_key_values.0.key', 'float32')], /key\/value cache \(past_key_values\.0\.key\)/],
    [[tensor('input_ids'), tensor('pixel_values', 'float32')], /"pixel_values" \(float32\) is not one the app can fill/],
    [[tensor('inputs_embeds', 'float32')], /is float32, not integer token ids/],
    [[tensor('attention_mask')], /exactly one token-id input \(such as input_ids\), found none/],
    [[tensor('input_ids', 'int64', [1, 128])], /fixed length of 128 tokens/],
    [[{ name: 'input_ids', isTensor: false } as InputMetadata], /not a tensor/],
  ])('explains inputs it cannot fill (%#)', (inputs, message) => {
    expect(() => planInputs(inputs)).toThrow(InputDiscoveryError);
    expect(() => planInputs(inputs)).toThrow(message);
  });
});

describe('inputArrays', () => {
  it('fills ids, a mask of ones, zero token types and positions from 0', () => {
    const plan = planInputs([tensor('input_ids'), tensor('attention_mask', 'int32'), tensor('token_type_ids'), tensor('position_ids')]);
    const arrays = inputArrays(plan, [101, 7, 102]);
    expect(arrays.map(({ name, type, dims }) => ({ name, type, dims }))).toEqual([
      { name: 'input_ids', type: 'int64', dims: [1, 3] },
      { name: 'attention_mask', type: 'int32', dims: [1, 3] },
      { name: 'token_type_ids', type: 'int64', dims: [1, 3] },
      { name: 'position_ids', type: 'int64', dims: [1, 3] },
    ]);
    expect(arrays.map(({ data }) => Array.from(data, Number))).toEqual([[101, 7, 102], [1, 1, 1], [0, 0, 0], [0, 1, 2]]);
    expect(arrays[0].data).toBeInstanceOf(BigInt64Array);
    expect(arrays[1].data).toBeInstanceOf(Int32Array);
  });
});
