import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSharedView, serializeSharedView, type SharedView } from './urlState';

describe('shared view in the URL', () => {
  it('round-trips any text, including emoji, RTL and reserved characters', () => {
    fc.assert(
      fc.property(
        fc.record({
          text: fc.string({ unit: 'grapheme', maxLength: 200 }),
          model: fc.constantFrom('use-lite', 'stories260k'),
          layer: fc.integer({ min: 0, max: 47 }),
          head: fc.integer({ min: 0, max: 63 }),
          aggregation: fc.constantFrom('head', 'meanHeads', 'maxHeads', 'meanAll', 'rollout'),
        }),
        (view: SharedView) => {
          expect(parseSharedView(serializeSharedView(view))).toEqual(view);
        },
      ),
    );
  });

  it('ignores malformed numbers instead of guessing', () => {
    expect(parseSharedView('?layer=-1&head=1.5&text=hi')).toEqual({ text: 'hi' });
    expect(parseSharedView('?layer=abc&head=2')).toEqual({ head: 2 });
  });
});
