import type { AttentionTensor } from '../attention/types';
import type { Backend } from '../model/types';
import { formatFloat32 } from '../viz/format';

export interface AttentionJsonInput {
  model: string;
  backend: Backend;
  tokens: readonly string[];
  attention: AttentionTensor;
}

/**
 * The whole attention of a run as JSON text:
 * {"model", "backend", "tokens", "layers": L, "heads": H, "attention": number[L][H][T][T]},
 * attention[l][h][i][j] being how much query token i attends to key token j. Weights are written
 * as the shortest decimals that read back as the stored float32 values.
 */
export function attentionJson({ model, backend, tokens, attention }: AttentionJsonInput): string {
  const t = attention.seqLen;
  if (tokens.length !== t) throw new RangeError(`${tokens.length} tokens for a ${t}-token attention tensor`);
  const layers = attention.perLayer.map((tensor) => {
    const heads: string[] = [];
    for (let h = 0; h < attention.heads; h++) {
      const rows: string[] = [];
      for (let i = 0; i < t; i++) {
        const start = (h * t + i) * t;
        rows.push(`[${Array.from(tensor.subarray(start, start + t), formatFloat32).join(',')}]`);
      }
      heads.push(`[${rows.join(',')}]`);
    }
    return `[${heads.join(',')}]`;
  });
  const header = [
    `"model":${JSON.stringify(model)}`,
    `"backend":${JSON.stringify(backend)}`,
    `"tokens":${JSON.stringify(tokens)}`,
    `"layers":${attention.layers}`,
    `"heads":${attention.heads}`,
  ];
  return `{${header.join(',')},"attention":[${layers.join(',')}]}`;
}
