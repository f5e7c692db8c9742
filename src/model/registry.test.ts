import { describe, expect, it } from 'vitest';
import { builtInLabel, builtInSources } from './registry.ts';

describe('built-in models from index.json', () => {
  it('lists the generated models with folder URLs beside the index', () => {
    const index = { models: [{ id: 'use-lite', label: 'USE', path: 'use-lite/' }, { id: 'stories260k', label: 'Stories', path: 'stories260k' }] };
    expect(builtInSources(index, 'https://example.test/app/models/index.json')).toEqual([
      { kind: 'built-in', id: 'use-lite', label: 'USE', baseUrl: 'https://example.test/app/models/use-lite/' },
      { kind: 'built-in', id: 'stories260k', label: 'Stories', baseUrl: 'https://example.test/app/models/stories260k/' },
    ]);
  });

  it('rejects an index that is not one', () => {
    expect(() => builtInSources({ models: [{ id: 'x' }] }, 'https://example.test/models/index.json')).toThrow();
  });

  it('labels a model by name, kind and shape', () => {
    expect(builtInLabel({ name: 'stories260K', layers: 5, heads: 8, causal: true })).toBe('stories260K causal LM (5 layers × 8 heads)');
    expect(builtInLabel({ name: 'USE Lite', layers: 2, heads: 4, causal: false })).toBe('USE Lite (2 layers × 4 heads)');
  });
});
