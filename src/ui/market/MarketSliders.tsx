import type { CurveSettings, DemandShape } from '../../market/curves';
import type { LiveSettings } from '../../market/live/snapshot';
import { selectYourPrice, useMarketStore } from '../../store/marketStore';
import { SelectField } from '../controls';
import { units } from './format';
import { SliderField } from './SliderField';

/** Agent actions per second the speed slider steps through. */
const SPEEDS = [10, 20, 50, 100, 200, 400, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000];
const MAX_CEILING = 1_000;
const MAX_TOP_K = 16;

function setSettings(patch: Partial<LiveSettings>): void {
  useMarketStore.setState((state) => ({ settings: { ...state.settings, ...patch } }));
}

function setCurves(patch: Partial<CurveSettings>): void {
  useMarketStore.setState((state) => ({ settings: { ...state.settings, curves: { ...state.settings.curves, ...patch } } }));
}

/** The sliders that shape the curves and the simulation; each change re-prices the market at once. */
export function MarketSliders() {
  const settings = useMarketStore((s) => s.settings);
  const yourPrice = useMarketStore(selectYourPrice);
  const { curves } = settings;
  const floor = Math.ceil(curves.priceFloor);
  const ceiling = Math.floor(curves.priceCeiling);
  const speedIndex = Math.max(0, SPEEDS.findIndex((speed) => speed >= settings.speed));

  return (
    <div className="market-sliders" role="group" aria-label="Market settings">
      <SliderField
        label="Your price"
        value={yourPrice}
        min={floor}
        max={ceiling}
        display={`${yourPrice} ticks`}
        onChange={(price) => useMarketStore.setState({ yourPrice: price })}
      />
      <SliderField
        label="Reservation price"
        value={curves.reservation}
        min={0}
        max={Math.ceil(curves.saturation) - 1}
        display={`${curves.reservation} ticks`}
        onChange={(reservation) => setCurves({ reservation })}
      />
      <SelectField<DemandShape>
        label="Demand curve"
        value={curves.demand}
        options={[
          { value: 'linear', label: 'Linear' },
          { value: 'isoelastic', label: 'Isoelastic' },
        ]}
        onChange={(demand) => setCurves({ demand })}
      />
      <SliderField
        label="Demand scale"
        value={curves.demandPerShare}
        min={1_000}
        max={100_000}
        step={1_000}
        display={`${units(curves.demandPerShare)} per share`}
        onChange={(demandPerShare) => setCurves({ demandPerShare })}
      />
      <SliderField
        label="Demand elasticity"
        value={curves.elasticity}
        min={0.1}
        max={3}
        step={0.1}
        display={curves.elasticity.toFixed(1)}
        disabled={curves.demand !== 'isoelastic'}
        hint={curves.demand !== 'isoelastic' ? 'for isoelastic demand' : undefined}
        onChange={(elasticity) => setCurves({ elasticity })}
      />
      <SliderField
        label="Price ceiling"
        value={ceiling}
        min={floor + 1}
        max={MAX_CEILING}
        display={`${ceiling} ticks`}
        onChange={(priceCeiling) => setCurves({ priceCeiling })}
      />
      <SliderField
        label="Price floor"
        value={floor}
        min={1}
        max={ceiling - 1}
        display={`${floor} ticks`}
        onChange={(priceFloor) => setCurves({ priceFloor })}
      />
      <SliderField
        label="Assets (top K)"
        value={settings.topK}
        min={1}
        max={MAX_TOP_K}
        display={settings.topK === 1 ? '1 token' : `${settings.topK} tokens`}
        onChange={(topK) => setSettings({ topK })}
      />
      <SliderField
        label="Number of agents"
        value={settings.agents}
        min={10}
        max={100}
        step={2}
        display={`up to ${settings.agents} per asset`}
        onChange={(agents) => setSettings({ agents })}
      />
      <SliderField
        label="Simulation speed"
        value={speedIndex}
        min={0}
        max={SPEEDS.length - 1}
        display={`${units(SPEEDS[speedIndex])} actions/s`}
        onChange={(index) => setSettings({ speed: SPEEDS[index] })}
      />
    </div>
  );
}
