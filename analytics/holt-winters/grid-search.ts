/**
 * Chooses the kernel that runs the brute-force grid of the original's models (docs/architecture.md): native
 * (widest vectors) where the addon is built, else WebAssembly SIMD, else the JS lanes. All three return the same winner and SSE, bit for bit
 * (see their tests), so the choice only changes the speed.
 */
import { laneSearch } from './grid-lanes.ts';
import { nativeKernel, nativeLaneSearch } from './grid-native.ts';
import { wasmKernel, wasmLaneSearch } from './grid-wasm.ts';

export type GridKernelName = 'native' | 'wasm' | 'js';
type Search = typeof laneSearch;

const SEARCHES: Record<GridKernelName, Search> = {
  native: nativeLaneSearch,
  wasm: wasmLaneSearch,
  js: laneSearch,
};

/** The fastest kernel this process can run. */
export function bestGridKernel(): GridKernelName {
  if (nativeKernel() !== null) return 'native';
  return wasmKernel() !== null ? 'wasm' : 'js';
}

let chosen: GridKernelName | undefined;

/**
 * Pins the kernel (benchmarks and tests compare them in one process); `undefined` goes back to the fastest.
 * Throws if the named kernel cannot run here.
 */
export function useGridKernel(name: GridKernelName | undefined): void {
  if (name === 'native' && nativeKernel() === null)
    throw new Error('the native grid kernel is not available');
  if (name === 'wasm' && wasmKernel() === null) throw new Error('WebAssembly SIMD is not available');
  chosen = name;
}

/** The kernel `gridSearch` runs. */
export function gridKernel(): GridKernelName {
  chosen ??= bestGridKernel();
  return chosen;
}

/** The grid search (arguments as `laneSearch`) on the chosen kernel. */
export const gridSearch: Search = (...args) => SEARCHES[gridKernel()](...args);
