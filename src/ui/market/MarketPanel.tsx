import { useEffect } from 'react';
import type { LiveMarket } from '../../market/live/liveMarket';
import type { Mechanism, Strategy } from '../../market/live/snapshot';
import { useLiveMarket } from '../../session/session';
import { connectLiveMarket, useMarketStore } from '../../store/marketStore';
import { SelectField } from '../controls';
import { AssetList } from './AssetList';
import { EquilibriumReadout } from './EquilibriumReadout';
import { units } from './format';
import { MarketChart } from './MarketChart';
import { DEPTH_PANEL, PRICE_HISTORY_PANEL, SUPPLY_DEMAND_PANEL } from './chartPanels';
import { MarketExports } from './MarketExports';
import { MarketMetrics } from './MarketMetrics';
import { MarketNotices } from './MarketNotices';
import { MarketSliders } from './MarketSliders';
import { CallAuctionResult, SlotAuctions } from './MechanismResults';
import { OrderEntry } from './OrderEntry';
import { OrderLadder } from './OrderLadder';
import { SurveillancePanel } from './SurveillancePanel';
import { TradeTape } from './TradeTape';
import { YourOrders } from './YourOrders';
import './market.css';

const MECHANISMS: { value: Mechanism; label: string }[] = [
  { value: 'continuous', label: 'Continuous double auction (live)' },
  { value: 'call', label: 'Call auction (clear now)' },
  { value: 'slot', label: 'Slot auction (second price, GSP, VCG)' },
];

function Toolbar({ market }: { market: LiveMarket }) {
  const running = useMarketStore((s) => s.snapshot?.running ?? false);
  const mechanism = useMarketStore((s) => s.snapshot?.mechanism ?? 'continuous');
  const rate = useMarketStore((s) => s.snapshot?.actionsPerSecond ?? 0);
  const strategy = useMarketStore((s) => s.settings.strategy);
  const listed = useMarketStore((s) => (s.snapshot?.assets.length ?? 0) > 0);
  return (
    <div className="market-toolbar">
      <h2>Attention market</h2>
      <SelectField label="Mechanism" value={mechanism} options={MECHANISMS} onChange={(m) => market.setMechanism(m)} />
      <SelectField<Strategy>
        label="Agent strategy"
        value={strategy}
        options={[
          { value: 'zip', label: 'ZIP (adaptive)' },
          { value: 'zic', label: 'ZI-C (random within budget)' },
        ]}
        onChange={(s) => useMarketStore.setState((state) => ({ settings: { ...state.settings, strategy: s } }))}
      />
      <div className="sim-buttons" role="group" aria-label="Simulation">
        <button type="button" onClick={() => market.start()} disabled={running || !listed}>
          Start
        </button>
        <button type="button" onClick={() => market.pause()} disabled={!running}>
          Pause
        </button>
        <button type="button" onClick={() => market.step()} disabled={running || !listed}>
          Step
        </button>
        {mechanism === 'call' && (
          <button type="button" onClick={() => market.clearNow()} disabled={!listed}>
            Clear now
          </button>
        )}
      </div>
      <span className="sim-rate" aria-label="Agent actions per second">
        {running ? `${units(rate)} actions/s` : 'paused'}
      </span>
    </div>
  );
}

/**
 * The attention market: the top-K tokens as assets traded by the user and by ZIP or ZI-C agents.
 * The live market and its frame loop live outside React; components read its published snapshot.
 * A market can be passed in (the UI benchmark seeds its book); by default the panel shows the
 * session's (see session.ts), which an imported or reloaded session replaces.
 */
export function MarketPanel({ market: given }: { market?: LiveMarket }) {
  const held = useLiveMarket((s) => s.market);
  const restored = useLiveMarket((s) => s.restored);
  const market = given ?? held;
  useEffect(() => {
    const disconnect = connectLiveMarket(market, { restored });
    return () => {
      disconnect();
      market.pause();
    };
  }, [market, restored]);
  const mechanism = useMarketStore((s) => s.snapshot?.mechanism ?? 'continuous');

  return (
    <section className="panel market-panel" aria-label="Attention market">
      <Toolbar market={market} />
      <div className="market-grid">
        <div className="market-column">
          <AssetList />
          <MarketSliders />
        </div>
        <div className="market-column">
          <MarketChart {...SUPPLY_DEMAND_PANEL} />
          <EquilibriumReadout />
          {mechanism === 'call' && <CallAuctionResult />}
          <MarketChart {...PRICE_HISTORY_PANEL} />
          <MarketMetrics />
        </div>
        <div className="market-column">
          <MarketChart {...DEPTH_PANEL} />
          <OrderLadder />
          <OrderEntry market={market} />
          <YourOrders market={market} />
        </div>
      </div>
      {mechanism === 'slot' && <SlotAuctions />}
      <div className="market-bottom">
        <TradeTape />
        <MarketNotices />
      </div>
      <SurveillancePanel market={market} />
      <MarketExports market={market} />
    </section>
  );
}
