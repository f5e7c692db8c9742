import { useState } from 'react';
import type { LiveMarket } from '../../market/live/liveMarket';
import type { ManipulatorKind } from '../../market/live/snapshot';
import { type Alert, type PulledOrder, type TradeEvidence, duration, lots } from '../../market/surveillance/alerts';
import type { SurveillanceConfig, SurveillanceConfigPatch } from '../../market/surveillance/config';
import { useMarketStore } from '../../store/marketStore';
import { clockTime } from './format';
import './surveillance.css';

const MANIPULATORS: { kind: ManipulatorKind; label: string }[] = [
  { kind: 'spoofer', label: 'Spoofer' },
  { kind: 'layerer', label: 'Layerer' },
  { kind: 'washTrader', label: 'Wash trader' },
];

const KIND_NAMES: Record<Alert['kind'], string> = { spoofing: 'Spoofing', layering: 'Layering', washTrade: 'Wash trade' };

/** Alerts drawn at once; the export has them all. */
const ALERTS_SHOWN = 30;

interface Threshold {
  label: string;
  read: (config: SurveillanceConfig) => number;
  patch: (value: number) => SurveillanceConfigPatch;
  step: number;
}

const THRESHOLDS: Threshold[] = [
  { label: 'Spoof size (× typical order)', read: (c) => c.spoofing.sizeMultiple, patch: (v) => ({ spoofing: { sizeMultiple: v } }), step: 0.5 },
  { label: 'Spoof cancel window (ms)', read: (c) => c.spoofing.tauMs, patch: (v) => ({ spoofing: { tauMs: v } }), step: 100 },
  { label: 'Layering minimum levels', read: (c) => c.layering.minLevels, patch: (v) => ({ layering: { minLevels: v } }), step: 1 },
  { label: 'Layering pull window (ms)', read: (c) => c.layering.afterFillMs, patch: (v) => ({ layering: { afterFillMs: v } }), step: 100 },
  { label: 'Wash round-trip window (ms)', read: (c) => c.washTrading.roundTripWindowMs, patch: (v) => ({ washTrading: { roundTripWindowMs: v } }), step: 1000 },
];

/** A number input that applies its value when it is a valid threshold and says why when it is not. */
function ThresholdField({ market, threshold, config }: { market: LiveMarket; threshold: Threshold; config: SurveillanceConfig }) {
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const change = (value: string) => {
    setText(value);
    const number = Number(value);
    try {
      if (value.trim() === '' || !Number.isFinite(number)) throw new RangeError('enter a number');
      market.configureSurveillance(threshold.patch(number));
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <label className="threshold-field">
      <span>{threshold.label}</span>
      <input
        type="number"
        aria-label={threshold.label}
        aria-invalid={problem !== null}
        step={threshold.step}
        min={0}
        value={text ?? threshold.read(config)}
        onChange={(e) => change(e.target.value)}
        onBlur={() => problem === null && setText(null)}
      />
      {problem !== null && (
        <small className="field-error" role="alert">
          {problem}
        </small>
      )}
    </label>
  );
}

function OrderRows({ orders }: { orders: readonly PulledOrder[] }) {
  return (
    <ul className="evidence">
      {orders.map((order) => (
        <li key={order.id}>
          order {order.id} ({order.trader}): {order.side} {lots(order.qty)} at {order.price}, placed <time>{clockTime(order.placedTime)}</time>, {lots(order.filledQty)} filled,
          pulled {lots(order.cancelledQty)} after {duration(order.cancelledTime - order.placedTime)}
        </li>
      ))}
    </ul>
  );
}

function TradeRows({ trades }: { trades: readonly TradeEvidence[] }) {
  return (
    <ul className="evidence">
      {trades.map((trade) => (
        <li key={trade.seq}>
          trade #{trade.seq} at <time>{clockTime(trade.time)}</time>: {lots(trade.qty)} at {trade.price}, {trade.seller} → {trade.buyer}
        </li>
      ))}
    </ul>
  );
}

function AlertItem({ alert, token }: { alert: Alert; token: string }) {
  return (
    <li className={`alert alert-${alert.kind}`} aria-label={`${KIND_NAMES[alert.kind]} alert ${alert.id}`}>
      <div>
        <strong>{KIND_NAMES[alert.kind]}</strong> in ‘{token}’ by {alert.traders.join(', ')} at <time>{clockTime(alert.time)}</time>
      </div>
      <p>{alert.summary}</p>
      {alert.kind === 'spoofing' && <OrderRows orders={[alert.order]} />}
      {alert.kind === 'layering' && <OrderRows orders={alert.orders} />}
      <TradeRows trades={alert.kind === 'washTrade' ? alert.trades : alert.fills} />
    </li>
  );
}

/**
 * Market surveillance: manipulators the user can plant in the selected asset, the thresholds
 * of the rules, and every alert with its evidence, newest first.
 */
export function SurveillancePanel({ market }: { market: LiveMarket }) {
  const alerts = useMarketStore((s) => s.snapshot?.alerts) ?? [];
  const config = useMarketStore((s) => s.snapshot?.surveillance) ?? null;
  const manipulators = useMarketStore((s) => s.snapshot?.manipulators) ?? null;
  const assets = useMarketStore((s) => s.snapshot?.assets) ?? [];
  const selected = useMarketStore((s) => s.snapshot?.selected?.asset ?? null);
  const tokenOf = (id: string) => assets.find((asset) => asset.id === id)?.token ?? id;
  const shown = alerts.slice(-ALERTS_SHOWN).reverse();
  // A switch shows its new state at once; the market's snapshot confirms it on the next frame.
  const [switching, setSwitching] = useState<{ kind: ManipulatorKind; on: boolean; seen: typeof manipulators } | null>(null);
  const pending = switching !== null && switching.seen === manipulators ? switching : null;
  return (
    <section className="market-box surveillance" aria-label="Market surveillance">
      <h3>Surveillance</h3>
      <div className="manipulators" role="group" aria-label="Manipulative agents">
        {MANIPULATORS.map(({ kind, label }) => {
          const asset = manipulators?.[kind] ?? null;
          return (
            <label key={kind}>
              <input
                type="checkbox"
                checked={pending?.kind === kind ? pending.on : asset !== null}
                disabled={selected === null && asset === null}
                onChange={(e) => {
                  setSwitching({ kind, on: e.target.checked, seen: manipulators });
                  market.setManipulator(kind, e.target.checked);
                }}
              />
              {label}
              {asset !== null && <small> in ‘{tokenOf(asset)}’</small>}
            </label>
          );
        })}
        <small className="hint">Switched on in the selected asset.</small>
      </div>
      {config !== null && (
        <div className="thresholds" role="group" aria-label="Surveillance thresholds">
          {THRESHOLDS.map((threshold) => (
            <ThresholdField key={threshold.label} market={market} threshold={threshold} config={config} />
          ))}
        </div>
      )}
      <p aria-label="Alert count">
        {alerts.length === 0 ? 'No alerts.' : `${alerts.length} alert${alerts.length === 1 ? '' : 's'}${alerts.length > ALERTS_SHOWN ? `, latest ${ALERTS_SHOWN} shown` : ''}.`}
      </p>
      {shown.length > 0 && (
        <ul className="alerts" role="log" aria-label="Surveillance alerts">
          {shown.map((alert) => (
            <AlertItem key={alert.id} alert={alert} token={tokenOf(alert.asset)} />
          ))}
        </ul>
      )}
    </section>
  );
}
