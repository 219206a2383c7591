/**
 * The grid search of `grid-lanes.ts` run by the WebAssembly SIMD kernel in `wasm/grid.ts` (two grid points per
 * f64x2 vector), with the same interface and bit-identical results. The committed `wasm/grid.wasm` is built from
 * that source by `npm run build:wasm`; a unit test rebuilds it and checks that the two match.
 *
 * The module is compiled once, synchronously, on first use. Where WebAssembly or its SIMD proposal is missing
 * (compilation fails), `wasmKernel()` is null (see `grid-search.ts` for the choice of kernel).
 */
import { readFileSync } from 'node:fs';
import { firstSquaredError, type LaneSearchResult } from './grid-lanes.ts';

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM typings, where it is declared). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

interface Kernel {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  search(
    y: number,
    n: number,
    s0: number,
    m: number,
    grid: number,
    order: number,
    count: number,
    st: number,
    sbuf: number,
    l0: number,
    b0: number,
    e0sq: number,
  ): number;
  bestSse(): number;
  stateBytes(): number;
  vectors(): number;
}

/**
 * An instance's memory only grows, so one that a long series grew beyond this is dropped after the search (the
 * compiled module is kept; a new instance is cheap) rather than holding that memory for the process's lifetime.
 */
const KEEP_BYTES = 16 * 2 ** 20;

let compiled: { wasm: WasmApi; module: object } | null | undefined;
let kernel: Kernel | null = null;

function compile(): { wasm: WasmApi; module: object } | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (wasm === undefined) return null;
    return { wasm, module: new wasm.Module(readFileSync(new URL('./wasm/grid.wasm', import.meta.url))) };
  } catch {
    return null;
  }
}

/** The WebAssembly kernel, or null where it cannot be compiled (no WebAssembly, or no SIMD). */
export function wasmKernel(): Kernel | null {
  if (compiled === undefined) compiled = compile();
  if (compiled === null) return null;
  kernel ??= new compiled.wasm.Instance(compiled.module, {}).exports as Kernel;
  return kernel;
}

/** Rounds a byte offset up to 16 (v128 accesses are aligned). */
const align = (x: number): number => (x + 15) & ~15;

/** `laneSearch` in WebAssembly; the same arguments and the same result, bit for bit. Needs `wasmKernel()`. */
export function wasmLaneSearch(
  y: Float64Array,
  l0: number,
  b0: number,
  s0: Float64Array,
  grid: Float64Array,
  order: Int32Array,
): LaneSearchResult {
  const k = wasmKernel();
  if (k === null) throw new Error('WebAssembly SIMD is not available');
  const n = y.length;
  const m = s0.length;
  const count = order.length;
  // Layout: y | s0 | grid | order | state blocks | one interleaved seasonal buffer per vector.
  const pY = 16;
  const pS0 = align(pY + 8 * n);
  const pGrid = align(pS0 + 8 * m);
  const pOrder = align(pGrid + 8 * grid.length);
  const pSt = align(pOrder + 4 * count);
  const pSbuf = align(pSt + k.stateBytes());
  const end = pSbuf + (m > 0 ? k.vectors() * (n + m) * 16 : 0);
  const have = k.memory.buffer.byteLength;
  if (end > have) k.memory.grow(Math.ceil((end - have) / 65536));
  const buf = k.memory.buffer;
  new Float64Array(buf, pY, n).set(y);
  new Float64Array(buf, pS0, m).set(s0);
  new Float64Array(buf, pGrid, grid.length).set(grid);
  new Int32Array(buf, pOrder, count).set(order);
  const e0sq = firstSquaredError(y, l0, b0, s0);
  const index = k.search(pY, n, pS0, m, pGrid, pOrder, count, pSt, pSbuf, l0, b0, e0sq);
  const sse = k.bestSse();
  if (k.memory.buffer.byteLength > KEEP_BYTES) kernel = null;
  return { index, sse };
}
