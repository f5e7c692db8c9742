import { priceGap } from '../../market/live/priceGap';
import { selectYourPrice, useMarketStore } from '../../store/marketStore';
import { ticks, units } from './format';

/** p* and q* of the selected asset, and the shortage or surplus at the user's price, in words. */
export function EquilibriumReadout() {
  const selected = useMarketStore((s) => s.snapshot?.selected);
  const yourPrice = useMarketStore(selectYourPrice);
  if (!selected) return null;
  const gap = priceGap(selected.params, yourPrice);
  return (
    <p className="equilibrium-readout">
      <span>
        Equilibrium price p* = <output aria-label="Equilibrium price">{ticks(selected.asset.pStar)}</output> ticks
      </span>
      <span>
        quantity q* = <output aria-label="Equilibrium quantity">{units(selected.asset.qStar)}</output> units
      </span>
      <span aria-label="At your price" className={`gap ${gap.kind}`}>
        {gap.kind === 'balanced' ? `at ${yourPrice}: balanced` : `at ${yourPrice}: ${gap.kind} of ${units(gap.amount)} units`}
      </span>
    </p>
  );
}
