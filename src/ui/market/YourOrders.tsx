import { useState } from 'react';
import type { LiveMarket } from '../../market/live/liveMarket';
import type { FieldProblem } from '../../market/live/orderForm';
import type { UserOrder } from '../../market/live/snapshot';
import { useMarketStore } from '../../store/marketStore';
import { FieldError } from './FieldError';
import { units } from './format';

function OrderRow({ order, market }: { order: UserOrder; market: LiveMarket }) {
  const [editing, setEditing] = useState(false);
  const [price, setPrice] = useState(String(order.price));
  const [qty, setQty] = useState(String(order.qty));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const problemOf = (field: FieldProblem['field']) => problems.find((problem) => problem.field === field)?.message;
  const save = () => {
    const found = market.modifyOrder(order.id, price, qty);
    setProblems(found);
    if (found.length === 0) setEditing(false);
  };
  return (
    <li className={`your-order ${order.side}`}>
      <span>
        {order.id}: {order.side} {units(order.qty)} × {order.token} at {order.price}
      </span>
      {editing ? (
        <span className="modify-fields">
          <input type="text" inputMode="numeric" aria-label={`New price for ${order.id}`} value={price} onChange={(e) => setPrice(e.target.value)} />
          <FieldError message={problemOf('price')} />
          <input type="text" inputMode="numeric" aria-label={`New quantity for ${order.id}`} value={qty} onChange={(e) => setQty(e.target.value)} />
          <FieldError message={problemOf('qty')} />
          <button type="button" onClick={save}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Keep
          </button>
          <FieldError message={problemOf(null)} />
        </span>
      ) : (
        <span>
          <button type="button" aria-label={`Modify ${order.id}`} onClick={() => setEditing(true)}>
            Modify
          </button>
          <button type="button" aria-label={`Cancel ${order.id}`} onClick={() => market.cancelOrder(order.id)}>
            Cancel
          </button>
        </span>
      )}
    </li>
  );
}

/** The user's resting orders on every asset, each with cancel and modify. */
export function YourOrders({ market }: { market: LiveMarket }) {
  const orders = useMarketStore((s) => s.snapshot?.userOrders) ?? [];
  return (
    <section className="market-box" aria-label="Your orders">
      <h3>Your orders</h3>
      {orders.length === 0 ? (
        <p className="hint">No resting orders.</p>
      ) : (
        <ul className="your-orders">
          {orders.map((order) => (
            <OrderRow key={order.id} order={order} market={market} />
          ))}
        </ul>
      )}
    </section>
  );
}
