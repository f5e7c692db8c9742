/**
 * Works out what to feed a model from its graph inputs alone: token ids, and the usual companions
 * of Hugging Face exports (attention_mask, token_type_ids, position_ids), each as the integer type
 * the graph declares.
 */

/** A graph input as onnxruntime describes it (InferenceSession.inputMetadata). */
export type InputMetadata =
  | { readonly name: string; readonly isTensor: true; readonly type: string; readonly shape: readonly (number | string)[] }
  | { readonly name: string; readonly isTensor: false };

export type InputRole = 'token-ids' | 'attention-mask' | 'token-type-ids' | 'position-ids';

export interface PlannedInput {
  readonly name: string;
  readonly role: InputRole;
  readonly type: 'int32' | 'int64';
}

export interface InputArray {
  readonly name: string;
  readonly type: 'int32' | 'int64';
  readonly data: Int32Array | BigInt64Array;
  readonly dims: [1, number];
}

/** Why a model's inputs cannot be fed; the message is meant for the user. */
export class InputDiscoveryError extends Error {
  override name = 'InputDiscoveryError';
}

const ROLE_PATTERNS: readonly (readonly [InputRole, RegExp])[] = [
  ['attention-mask', /^(attention_mask|input_mask|mask)$/],
  ['token-type-ids', /^(token_type_ids|segment_ids|type_ids)$/],
  ['position-ids', /^(position_ids|positions)$/],
  ['token-ids', /^(input_ids|ids|tokens|token_ids|input|idx|input\.1)$/],
];

const CACHE_INPUT = /^(past|past_key_values|cache|use_cache)/;

function roleOf(name: string): InputRole | undefined {
  const lower = name.toLowerCase();
  return ROLE_PATTERNS.find(([, pattern]) => pattern.test(lower))?.[0];
}

/**
 * Assigns every graph input a role. A lone input with an unfamiliar name is taken as the token ids;
 * anything else the app cannot fill (a key/value cache, float embeddings, images) is an error that
 * says which input and what to do.
 */
export function planInputs(inputs: readonly InputMetadata[]): PlannedInput[] {
  const cache = inputs.filter((input) => CACHE_INPUT.test(input.name.toLowerCase()));
  if (cache.length > 0) {
    throw new InputDiscoveryError(
      `The model expects a key/value cache (${cache.map((input) => input.name).join(', ')}). ` +
        'Export it without past key values (for a Hugging Face model: optimum-cli export onnx with a task that has no "-with-past").',
    );
  }
  const plan = inputs.map((input): PlannedInput => {
    if (!input.isTensor) throw new InputDiscoveryError(`The model input "${input.name}" is not a tensor.`);
    const role = roleOf(input.name) ?? (inputs.length === 1 ? 'token-ids' : undefined);
    if (!role) {
      throw new InputDiscoveryError(
        `The model input "${input.name}" (${input.type}) is not one the app can fill. ` +
          'It feeds input_ids, attention_mask, token_type_ids and position_ids only.',
      );
    }
    if (input.type !== 'int32' && input.type !== 'int64') {
      throw new InputDiscoveryError(
        `The model input "${input.name}" is ${input.type}, not integer token ids: the app runs text transformers that read token ids.`,
      );
    }
    const length = input.shape[1];
    if (typeof length === 'number' && length > 0) {
      throw new InputDiscoveryError(
        `The model input "${input.name}" has a fixed length of ${length} tokens. Export it with a dynamic sequence axis (dynamic_axes in torch.onnx.export).`,
      );
    }
    return { name: input.name, role, type: input.type };
  });
  const tokenInputs = plan.filter((input) => input.role === 'token-ids');
  if (tokenInputs.length !== 1) {
    throw new InputDiscoveryError(
      `Expected exactly one token-id input (such as input_ids), found ${tokenInputs.length === 0 ? 'none' : tokenInputs.map((input) => input.name).join(', ')} ` +
        `among ${inputs.map((input) => input.name).join(', ') || 'no inputs'}.`,
    );
  }
  return plan;
}

function valuesFor(role: InputRole, ids: readonly number[]): number[] {
  switch (role) {
    case 'token-ids':
      return [...ids];
    case 'attention-mask':
      return ids.map(() => 1);
    case 'token-type-ids':
      return ids.map(() => 0);
    case 'position-ids':
      return ids.map((_, position) => position);
  }
}

/** One batch row for every planned input, for the token ids `ids`. */
export function inputArrays(plan: readonly PlannedInput[], ids: readonly number[]): InputArray[] {
  return plan.map(({ name, role, type }) => {
    const values = valuesFor(role, ids);
    const data = type === 'int64' ? BigInt64Array.from(values, (value) => BigInt(value)) : Int32Array.from(values);
    return { name, type, data, dims: [1, ids.length] };
  });
}
