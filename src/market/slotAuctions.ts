/**
 * Auctions for the top-K attention positions, sold like ad slots. Slot s receives a share
 * `slotWeights[s]` of attention (non-increasing in s); a bidder's quality q (its attention
 * share) scales what it gets from a slot, so bidder i in slot s receives weight_s * q_i units
 * ("clicks") and values them at its bid b_i per unit (bids are taken as true values when
 * welfare is reported). Ranking is by score b_i * q_i, ties by input order.
 */

export interface SlotBidder {
  id: string;
  /** Bid per unit of attention received. */
  bid: number;
  /** Quality factor, e.g. the attention share. */
  quality: number;
}

export interface SlotAssignment {
  /** 0-based slot index. */
  slot: number;
  bidder: string;
  /** Attention units received: slot weight x quality. */
  clicks: number;
  pricePerClick: number;
  /** Total payment: clicks x price per click. */
  payment: number;
  /** clicks x bid. */
  value: number;
}

export interface SlotAuctionResult {
  assignments: SlotAssignment[];
  revenue: number;
  welfare: number;
}

function checkInputs(bidders: readonly SlotBidder[], slotWeights: readonly number[]): void {
  for (const b of bidders) {
    if (!(b.bid >= 0 && Number.isFinite(b.bid))) throw new RangeError(`bid of ${b.id} must be finite and >= 0`);
    if (!(b.quality > 0 && Number.isFinite(b.quality))) throw new RangeError(`quality of ${b.id} must be finite and > 0`);
  }
  slotWeights.forEach((w, s) => {
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`slot weight ${s} must be finite and >= 0`);
    if (s > 0 && w > slotWeights[s - 1]) throw new RangeError('slot weights must not increase');
  });
}

/** Bidders by score bid x quality, highest first; the sort is stable, so ties keep input order. */
export function rankByScore(bidders: readonly SlotBidder[]): SlotBidder[] {
  return [...bidders].sort((a, b) => b.bid * b.quality - a.bid * a.quality);
}

/**
 * Runs a ranked slot auction: the top-ranked bidders fill the slots in order, each paying
 * `payment(slot, scores)` in total, where scores are the ranked bidders' bid x quality.
 */
function rankedAuction(
  bidders: readonly SlotBidder[],
  slotWeights: readonly number[],
  payment: (slot: number, score: (rank: number) => number) => number,
): SlotAuctionResult {
  checkInputs(bidders, slotWeights);
  const ranked = rankByScore(bidders);
  const score = (rank: number) => (rank < ranked.length ? ranked[rank].bid * ranked[rank].quality : 0);
  const assignments = ranked.slice(0, slotWeights.length).map((bidder, slot): SlotAssignment => {
    const clicks = slotWeights[slot] * bidder.quality;
    const total = payment(slot, score);
    return {
      slot,
      bidder: bidder.id,
      clicks,
      pricePerClick: clicks > 0 ? total / clicks : 0,
      payment: total,
      value: clicks * bidder.bid,
    };
  });
  return {
    assignments,
    revenue: assignments.reduce((sum, a) => sum + a.payment, 0),
    welfare: assignments.reduce((sum, a) => sum + a.value, 0),
  };
}

/**
 * Generalised second price: the bidder in slot s pays per click the least bid that keeps its
 * rank, score_{s+1} / q_s, so in total weight_s x score_{s+1}.
 */
export function gspAuction(bidders: readonly SlotBidder[], slotWeights: readonly number[]): SlotAuctionResult {
  return rankedAuction(bidders, slotWeights, (slot, score) => slotWeights[slot] * score(slot + 1));
}

/**
 * VCG: ranking by score maximises reported welfare (weights and scores sorted alike), and
 * each winner pays its externality: every bidder ranked below moves up one slot if it left,
 *   payment_s = sum over t >= s of (weight_t - weight_{t+1}) x score_{t+1}, weight_K = 0.
 */
export function vcgAuction(bidders: readonly SlotBidder[], slotWeights: readonly number[]): SlotAuctionResult {
  return rankedAuction(bidders, slotWeights, (slot, score) => {
    let total = 0;
    for (let t = slot; t < slotWeights.length; t += 1) {
      total += (slotWeights[t] - (slotWeights[t + 1] ?? 0)) * score(t + 1);
    }
    return total;
  });
}

/** Sealed-bid second price for one position: VCG with a single slot and no quality weighting. */
export function secondPriceAuction(bidders: readonly SlotBidder[]): SlotAuctionResult {
  return vcgAuction(
    bidders.map((b) => ({ ...b, quality: 1 })),
    [1],
  );
}
