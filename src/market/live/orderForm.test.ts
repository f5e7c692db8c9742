import { describe, expect, it } from 'vitest';
import { type OrderForm, readOrderForm } from './orderForm.ts';
import { RingBuffer } from './ringBuffer.ts';

const listed = new Set(['1:▁cat']);
const form = (overrides: Partial<OrderForm>): OrderForm => ({
  asset: '1:▁cat',
  side: 'sell',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  price: '120',
  qty: '3',
  ...overrides,
});

describe('order ticket', () => {
  it('turns a valid form into the action it describes', () => {
    expect(readOrderForm(form({ postOnly: true }), listed)).toEqual({
      draft: { op: 'limit', asset: '1:▁cat', side: 'sell', price: 120, qty: 3, tif: 'GTC', postOnly: true },
    });
    // A market order has no price, so whatever the price field holds does not matter.
    expect(readOrderForm(form({ type: 'market', price: 'abc' }), listed)).toEqual({
      draft: { op: 'market', asset: '1:▁cat', side: 'sell', qty: 3 },
    });
  });

  it('reports every problem by field', () => {
    expect(readOrderForm(form({ price: '', qty: '1e9', tif: 'IOC', postOnly: true }), new Set())).toEqual({
      problems: [
        { field: 'asset', message: 'Choose an asset that is listed' },
        { field: 'price', message: 'Enter a price in ticks' },
        { field: 'qty', message: 'Quantity must be at most 10000000 lots, got 1000000000' },
        { field: 'postOnly', message: 'Post-only applies to good-till-cancelled limit orders only' },
      ],
    });
    expect(readOrderForm(form({ price: 'ten' }), listed)).toEqual({ problems: [{ field: 'price', message: 'Price must be a finite number' }] });
    expect(readOrderForm(form({ price: '-4' }), listed)).toEqual({ problems: [{ field: 'price', message: 'Price must be at least 1, got -4' }] });
  });
});

describe('ring buffer', () => {
  it('keeps the latest items and hands out the same views until the next push', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.items()).toEqual([]);
    for (let i = 1; i <= 5; i += 1) ring.push(i);
    expect(ring.items()).toEqual([3, 4, 5]);
    expect(ring.newest(2)).toEqual([5, 4]);
    expect(ring.newest(10)).toEqual([5, 4, 3]);
    expect(ring.length).toBe(3);
    const view = ring.items();
    expect(ring.items()).toBe(view);
    expect(ring.newest(2)).toBe(ring.newest(2));
    ring.push(6);
    expect(ring.items()).not.toBe(view);
    expect(ring.items()).toEqual([4, 5, 6]);
    expect(view).toEqual([3, 4, 5]);
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
