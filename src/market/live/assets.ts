/**
 * From attention to assets: the top-K tokens by attention share become tradable assets, each
 * supplying S_j = round(w_j U) attention units. Pure functions, no DOM.
 */
import { topTokens } from '../../attention/shares.ts';
import { MAX_NAME_LENGTH } from '../types.ts';

/** The attention of one run as the market reads it. */
export interface AttentionInput {
  tokens: readonly string[];
  /** w_j: attention received by each token, summing to 1 over the visible tokens. */
  shares: ArrayLike<number>;
  /** Positions that are never traded (hidden tokens). */
  hidden?: ReadonlySet<number>;
}

export interface AttentionAsset {
  /** Asset name on the exchange: position and token text, so a re-run with the same token keeps its asset. */
  id: string;
  token: string;
  position: number;
  share: number;
  /** S_j = round(w_j U) attention units. */
  supply: number;
  /** 1 for the token with the largest share. */
  rank: number;
}

/** Token text kept in an asset name; the position already makes names unique. */
const NAME_TOKEN_CHARS = 24;

export function assetId(token: string, position: number): string {
  const id = `${position}:${Array.from(token).slice(0, NAME_TOKEN_CHARS).join('')}`;
  // Code points of 2 UTF-16 units could still exceed the engine's limit on name length.
  return id.slice(0, MAX_NAME_LENGTH);
}

/**
 * The k tokens with the largest shares (ties: the earlier position first), largest first,
 * skipping hidden tokens and tokens that receive no attention at all (nothing to supply).
 */
export function attentionAssets(input: AttentionInput, k: number, units: number): AttentionAsset[] {
  return topTokens(input.shares, k, input.hidden)
    .filter(({ share }) => share > 0)
    .map(({ index, share }, rank) => ({
      id: assetId(input.tokens[index], index),
      token: input.tokens[index],
      position: index,
      share,
      supply: Math.round(share * units),
      rank: rank + 1,
    }));
}

/** Assets of the previous ranking that the new one no longer lists (matched by id), in their old order. */
export function departedAssets(previous: readonly AttentionAsset[], next: readonly AttentionAsset[]): AttentionAsset[] {
  const staying = new Set(next.map((asset) => asset.id));
  return previous.filter((asset) => !staying.has(asset.id));
}
