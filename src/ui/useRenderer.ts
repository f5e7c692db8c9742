import { useEffect, useRef, type RefObject } from 'react';
import { useAppStore, type AppState } from '../store/appStore';

/**
 * Mounts a framework-free renderer into a container and feeds it from the store outside React's
 * render cycle: `update` runs on every store change and decides itself what to redraw.
 */
export function useStoreRenderer<R extends { destroy(): void }>(
  create: (container: HTMLDivElement) => R,
  update: (renderer: R, state: AppState) => void,
): RefObject<HTMLDivElement | null> {
  const containerRef = useRef<HTMLDivElement>(null);
  const createRef = useRef(create);
  const updateRef = useRef(update);
  useEffect(() => {
    createRef.current = create;
    updateRef.current = update;
  });
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const renderer = createRef.current(container);
    updateRef.current(renderer, useAppStore.getState());
    const unsubscribe = useAppStore.subscribe((state) => updateRef.current(renderer, state));
    return () => {
      unsubscribe();
      renderer.destroy();
    };
  }, []);
  return containerRef;
}
