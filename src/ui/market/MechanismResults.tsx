import type { SlotAuctionResult } from '../../market/slotAuctions';
import type { SlotComparison } from '../../market/live/snapshot';
import { useMarketStore } from '../../store/marketStore';
import { lots, number, ticks, units } from './format';
import { TableHead } from './TableHead';

/** The selected asset's last call auction: price, volume and the book's D and S at that price. */
export function CallAuctionResult() {
  const selected = useMarketStore((s) => s.snapshot?.selected);
  if (!selected) return null;
  const auction = selected.auction;
  return (
    <p className="call-result" role="status" aria-label="Call auction result">
      {auction === null
        ? `Orders on ${selected.asset.token} queue until the next auction; press “Clear now”.`
        : auction.price === null
          ? `Last auction on ${selected.asset.token}: nothing crossed.`
          : `Last auction on ${selected.asset.token}: ${lots(auction.volume)} at ${auction.price} (the book wanted ${lots(auction.demand)} and offered ${lots(auction.supply)} at that price); p* is ${ticks(selected.asset.pStar)}.`}
    </p>
  );
}

function SlotTable({ title, result, tokens }: { title: string; result: SlotAuctionResult; tokens: ReadonlyMap<string, string> }) {
  return (
    <table className="market-table slot-table" aria-label={title}>
      <caption>{title}</caption>
      <TableHead columns={['Slot', 'Winner', 'Units', 'Price / unit', 'Payment']} />
      <tbody>
        {result.assignments.map((assignment) => (
          <tr key={assignment.slot}>
            <td>{assignment.slot + 1}</td>
            <td>{tokens.get(assignment.bidder)}</td>
            <td>{units(assignment.clicks)}</td>
            <td>{number(assignment.pricePerClick)}</td>
            <td>{units(assignment.payment)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>revenue {units(result.revenue)}</td>
          <td colSpan={2}>welfare {units(result.welfare)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The top-K attention positions sold like ad slots: second price, GSP and VCG side by side. */
export function SlotAuctions() {
  const slots: SlotComparison | null | undefined = useMarketStore((s) => s.snapshot?.slots);
  if (!slots) return null;
  const tokens = new Map(slots.bids.map((bid) => [bid.asset, bid.token]));
  return (
    <section className="market-box" aria-label="Slot auctions">
      <h3>Slot auctions for the top attention positions</h3>
      <p className="hint">
        Each token bids its market value per attention unit (last price, else p*): {slots.bids.map((bid) => `${bid.token} ${bid.bid}`).join(', ')}.
        Slots hold the positions’ attention units ({slots.slotUnits.map(units).join(', ')}); quality is the share relative to the largest.
      </p>
      <div className="slot-tables">
        <SlotTable title="Second price (top position, per unit)" result={slots.secondPrice} tokens={tokens} />
        <SlotTable title="GSP" result={slots.gsp} tokens={tokens} />
        <SlotTable title="VCG" result={slots.vcg} tokens={tokens} />
      </div>
    </section>
  );
}
