// Vitest setup for every test file: what jsdom lacks and Ant Design asks for, a longer wait
// for the first cold render, and a clean page after each test.
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// The first test renders the whole shell cold; on a loaded 2-core runner that takes more than
// Testing Library's default second.
configure({ asyncUtilTimeout: 5000 });

window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener: () => undefined,
  removeListener: () => undefined,
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
  dispatchEvent: () => false,
})) as typeof window.matchMedia;
window.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

afterEach(() => {
  cleanup();
  window.location.hash = '';
});
