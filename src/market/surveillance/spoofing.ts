import { type PulledOrder, type SpoofingAlert, duration, lots } from './alerts.ts';
import type { SurveillanceConfig } from './config.ts';
import { type OwnFill, type TrackedOrder, distinctTraders } from './orders.ts';

/**
 * Spoofing: an order that was large (at least `sizeMultiple` times the typical order and
 * `touchDepthMultiple` times the quantity at the same-side touch) and near the touch (at most
 * `maxTicksFromTouch` ticks behind it) when placed, cancelled by its owner within `tauMs` with
 * at most `maxFilledFraction` of it traded, while the same owner traded on the other side.
 * Returns the alert (without its id) or null when the order was not a spoof.
 */
export function spoofingAlert(
  order: TrackedOrder,
  pulled: PulledOrder,
  ownerFills: readonly OwnFill[],
  config: SurveillanceConfig['spoofing'],
): Omit<SpoofingAlert, 'id'> | null {
  const { placedQty: qty, typicalQty, touchDepth, ticksFromTouch } = order;
  if (typicalQty === null || qty < config.sizeMultiple * typicalQty) return null;
  if (qty < config.touchDepthMultiple * touchDepth || ticksFromTouch > config.maxTicksFromTouch) return null;
  if (pulled.cancelledTime - pulled.placedTime > config.tauMs) return null;
  if (pulled.filledQty > config.maxFilledFraction * (pulled.filledQty + pulled.cancelledQty)) return null;
  const fills = ownerFills.filter((fill) => fill.side !== order.side && fill.trade.seq > order.placedSeq).map((fill) => fill.trade);
  if (fills.length === 0) return null;
  const buying = order.side === 'buy';
  const traded = fills.reduce((sum, fill) => sum + fill.qty, 0);
  const where = ticksFromTouch === 0 ? 'at' : `${ticksFromTouch} tick${ticksFromTouch === 1 ? '' : 's'} behind`;
  const summary =
    `${order.trader} ${buying ? 'bid for' : 'offered'} ${lots(qty)} ${where} the best ${buying ? 'bid' : 'offer'} ` +
    `(${lots(touchDepth)} there, typical order ${lots(typicalQty)}), ${buying ? 'sold' : 'bought'} ${lots(traded)} meanwhile ` +
    `and cancelled it ${pulled.filledQty === 0 ? 'unfilled' : `with ${lots(pulled.filledQty)} filled`} after ` +
    `${duration(pulled.cancelledTime - pulled.placedTime)}.`;
  return {
    kind: 'spoofing',
    asset: order.asset,
    owners: [order.owner],
    traders: distinctTraders([order.trader, ...fills.map((fill) => (buying ? fill.seller : fill.buyer))]),
    seq: pulled.cancelledSeq,
    time: pulled.cancelledTime,
    summary,
    order: pulled,
    fills,
    ticksFromTouch,
    touchDepth,
    typicalQty,
  };
}
