import { type FormEvent, useId, useState } from 'react';
import type { LiveMarket } from '../../market/live/liveMarket';
import type { FieldProblem, OrderField, OrderForm } from '../../market/live/orderForm';
import type { AssetSummary } from '../../market/live/snapshot';
import type { MarketEvent, Side, TimeInForce } from '../../market/types';
import { useAppStore } from '../../store/appStore';
import { useMarketStore } from '../../store/marketStore';
import { SelectField } from '../controls';
import { FieldError } from './FieldError';
import { units } from './format';

type Ticket = Omit<OrderForm, 'asset'>;

const NO_ASSETS: readonly AssetSummary[] = [];
const EMPTY_TICKET: Ticket = { side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, price: '', qty: '1' };

/** What happened to an accepted order, in a sentence. */
function outcome(id: string, events: readonly MarketEvent[]): string {
  let traded = 0;
  let cancelled = 0;
  let resting = 0;
  for (const event of events) {
    if (event.type === 'trade' && (event.takerId === id || event.makerId === id)) traded += event.qty;
    if (event.type === 'cancelled' && event.id === id) cancelled += event.qty;
    if (event.type === 'accepted' && event.id === id) resting = event.qty;
  }
  resting -= traded + cancelled;
  const parts = [traded > 0 ? `traded ${units(traded)}` : 'no trade', resting > 0 ? `${units(resting)} resting` : null, cancelled > 0 ? `${units(cancelled)} cancelled` : null];
  return `Order ${id} accepted: ${parts.filter(Boolean).join(', ')}.`;
}

/**
 * The user's order ticket for the selected asset. Every field is checked before anything is
 * sent: a problem shows beside its field and the order is not submitted.
 */
export function OrderEntry({ market }: { market: LiveMarket }) {
  const assets = useMarketStore((s) => s.snapshot?.assets) ?? NO_ASSETS;
  const asset = useMarketStore((s) => s.snapshot?.selected?.asset ?? null);
  const [ticket, setTicket] = useState<Ticket>(EMPTY_TICKET);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const idPrefix = useId();
  const set = (patch: Partial<Ticket>) => setTicket((current) => ({ ...current, ...patch }));
  const problemOf = (field: OrderField | null) => problems.find((problem) => problem.field === field)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = market.placeOrder({ ...ticket, asset: asset?.id ?? '' });
    if (result.ok) {
      setProblems([]);
      setStatus(outcome(result.id, result.events));
    } else {
      setProblems(result.problems);
      setStatus(null);
    }
  };

  /** A text field with its problem, if any, right beside it and tied to it for screen readers. */
  const amountField = (field: 'price' | 'qty', label: string, disabled = false) => {
    const message = problemOf(field);
    const errorId = `${idPrefix}-${field}-error`;
    return (
      <label className="ticket-field">
        {label}
        <input
          type="text"
          inputMode="numeric"
          aria-label={label}
          value={ticket[field]}
          disabled={disabled}
          aria-invalid={message !== undefined}
          aria-describedby={message ? errorId : undefined}
          onChange={(e) => set({ [field]: e.target.value })}
        />
        <FieldError message={message} id={errorId} />
      </label>
    );
  };

  const isMarket = ticket.type === 'market';
  return (
    <form className="order-entry" aria-label="Order entry" onSubmit={submit} noValidate>
      <SelectField
        label="Asset"
        value={asset?.id ?? ''}
        options={assets.map((a) => ({ value: a.id, label: `${a.token} #${a.position}` }))}
        disabled={assets.length === 0}
        onChange={(id) => {
          const picked = assets.find((a) => a.id === id);
          if (picked) useAppStore.setState({ selectedToken: picked.position });
        }}
      />
      <FieldError message={problemOf('asset')} />
      <SelectField<Side>
        label="Side"
        value={ticket.side}
        options={[
          { value: 'buy', label: 'Buy' },
          { value: 'sell', label: 'Sell' },
        ]}
        onChange={(side) => set({ side })}
      />
      <SelectField<'limit' | 'market'>
        label="Order type"
        value={ticket.type}
        options={[
          { value: 'limit', label: 'Limit' },
          { value: 'market', label: 'Market' },
        ]}
        onChange={(type) => set({ type })}
      />
      <SelectField<TimeInForce>
        label="Time in force"
        value={ticket.tif}
        disabled={isMarket}
        options={[
          { value: 'GTC', label: 'Good till cancelled' },
          { value: 'IOC', label: 'Immediate or cancel' },
          { value: 'FOK', label: 'Fill or kill' },
        ]}
        onChange={(tif) => set({ tif })}
      />
      <label className="ticket-field">
        <input type="checkbox" checked={ticket.postOnly} disabled={isMarket} onChange={(e) => set({ postOnly: e.target.checked })} />
        Post-only
        <FieldError message={problemOf('postOnly')} />
      </label>
      {amountField('price', 'Price', isMarket)}
      {amountField('qty', 'Quantity')}
      <button type="submit" disabled={asset === null}>
        Place order
      </button>
      <FieldError message={problemOf('tif')} />
      <FieldError message={problemOf(null)} />
      {status && (
        <span className="order-status" role="status">
          {status}
        </span>
      )}
    </form>
  );
}
