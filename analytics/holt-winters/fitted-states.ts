import type { HoltWintersParams } from './types.ts';

/** A fit's initial states as a stored fit keeps them for the next cycle (see `WarmStates`, without the shift). */
export interface FittedStates {
  level: number;
  trend: number | null;
  seasonal: number[];
}

/** Whether a fit's initial level or any initial seasonal is not the heuristic value it started from. */
export function statesMoved(
  fitted: { level: number; seasonal: ArrayLike<number> },
  heuristic: { level: number; seasonal: ArrayLike<number> },
): boolean {
  if (fitted.level !== heuristic.level) return true;
  for (let j = 0; j < fitted.seasonal.length; j++)
    if (fitted.seasonal[j] !== heuristic.seasonal[j]) return true;
  return false;
}

/**
 * The fit's own initial states when they differ from the heuristic ones of its window, else null. Only then are
 * they worth keeping: on byte-sized series every fit leaves them at the heuristic values, which the next window
 * recomputes from its own data (warm-start.ts), so storing them would cost 8 bytes × m per run for nothing.
 */
export function movedStates(
  init: { level: number; seasonal: readonly number[] } | null | undefined,
  params: Pick<HoltWintersParams, 'initial_level' | 'initial_trend' | 'initial_seasons'>,
): FittedStates | null {
  const seasonal = params.initial_seasons;
  if (!init || seasonal.length === 0 || init.seasonal.length !== seasonal.length) return null;
  const moved = statesMoved({ level: params.initial_level, seasonal }, init);
  return moved ? { level: params.initial_level, trend: params.initial_trend, seasonal: [...seasonal] } : null;
}
