/**
 * The grid search of `grid-lanes.ts` run by the native kernel in `native/grid.c` (eight grid points per AVX-512
 * vector, four per AVX2 vector), with the same interface and bit-identical results. The addon is built on the
 * machine by `npm run build:native` (provisioning runs it); where it is missing or cannot load (no C compiler when
 * provisioning, another CPU architecture), `nativeKernel()` is null and the WebAssembly kernel runs instead.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { firstSquaredError, type laneSearch } from './grid-lanes.ts';

/** Where `scripts/build-native.sh` puts the addon. */
export const NATIVE_ADDON = fileURLToPath(new URL('./native/build/grid.node', import.meta.url));

export interface NativeKernel {
  search(
    y: Float64Array,
    l0: number,
    b0: number,
    s0: Float64Array,
    grid: Float64Array,
    order: Int32Array,
    e0sq: number,
    out: Float64Array,
  ): void;
  /** The instruction set the loaded code uses: "avx512f", "avx2" or "x86-64". */
  isa(): string;
}

/** Loads the addon at `file`; null when it is absent or does not load here. */
export function loadNativeKernel(file: string = NATIVE_ADDON): NativeKernel | null {
  try {
    const addon = createRequire(import.meta.url)(file) as Partial<NativeKernel>;
    return typeof addon.search === 'function' && typeof addon.isa === 'function'
      ? (addon as NativeKernel)
      : null;
  } catch {
    return null;
  }
}

let loaded: NativeKernel | null | undefined;

/** The native kernel, loaded once, or null where it is not built or cannot load. */
export function nativeKernel(): NativeKernel | null {
  if (loaded === undefined) loaded = loadNativeKernel();
  return loaded;
}

const out = new Float64Array(2);

/** `laneSearch` on a given native kernel (the tests also run narrower builds of the addon). */
export function nativeSearchOn(kernel: NativeKernel): typeof laneSearch {
  return (y, l0, b0, s0, grid, order) => {
    kernel.search(y, l0, b0, s0, grid, order, firstSquaredError(y, l0, b0, s0), out);
    return { index: out[0]!, sse: out[1]! };
  };
}

/** `laneSearch` in native code; the same arguments and the same result, bit for bit. Needs `nativeKernel()`. */
export const nativeLaneSearch: typeof laneSearch = (...args) => {
  const k = nativeKernel();
  if (k === null) throw new Error('the native grid kernel is not built (npm run build:native)');
  return nativeSearchOn(k)(...args);
};
