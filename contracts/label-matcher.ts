/**
 * A PromQL label matcher as data: what the metric catalog, SLA definitions and retrieval queries store and send
 * (through workflow history too, so no imports). prometheus/label-matchers.ts evaluates and formats it.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatch {
  label: string;
  op: MatchOp;
  value: string;
}
