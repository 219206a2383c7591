import type { SlaMatcher } from '../../../contracts/sla.ts';
import type { ObjectiveWindow } from '../../../contracts/slo.ts';
import { isRegexOp, regexProblem } from '../../../prometheus/label-matchers.ts';
import { formatMatcher, parseSelector } from '../../../prometheus/selectors.ts';
import {
  ANNOTATIONS,
  CALENDAR_WINDOWS,
  OPENSLO_API_VERSION,
  OpenSloError,
  type OpenSloProblem,
  type OpenSloSla,
  type OpenSloSources,
  QUERY_PATH,
  ROLLING_WINDOWS,
  ROOT,
  TARGET_MAX,
  TARGET_MIN,
  UTC_ZONES,
  VIGIL_PREFIX,
} from './document.ts';

/** OpenSLO v1 SLO documents read back into SLAs, refused with every field at fault (the mapping: document.ts). */

type Mapping = Record<string, unknown>;

/** Fields Vigil reads, and those it refuses with why; every other field is unknown to OpenSLO v1. */
type Fields = Record<string, 'read' | 'ignored' | string>;

/** Fields a document may hold empty: refused only with content, which Vigil would lose. */
const EMPTY_OK = new Set(['metadata.labels', 'spec.alertPolicies', 'spec.indicator.metadata.labels']);

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Reads a document, collecting every problem before giving up. */
class Reader {
  readonly problems: OpenSloProblem[] = [];

  report(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  /** A mapping and its keys, checked against `fields`; any key goes when `fields` is null. */
  mapping(value: unknown, path: string, fields: Fields | null): Mapping | undefined {
    if (value === undefined) return this.report(path || ROOT, 'required');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.report(path || ROOT, 'must be a mapping');
    }
    if (fields === null) return value as Mapping;
    for (const [key, item] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      const rule = fields[key];
      if (rule === 'read' || rule === 'ignored') continue;
      if (rule === undefined) this.report(at, 'unknown field (not part of an OpenSLO v1 SLO)');
      else if (!(EMPTY_OK.has(at) && isEmpty(item))) this.report(at, `not supported: ${rule}`);
    }
    return value as Mapping;
  }

  string(value: unknown, path: string, required = true): string | undefined {
    if (value === undefined) return required ? this.report(path, 'required') : undefined;
    return typeof value === 'string' ? value : this.report(path, 'must be a string');
  }

  number(value: unknown, path: string): number | undefined {
    if (value === undefined) return this.report(path, 'required');
    return typeof value === 'number' && Number.isFinite(value)
      ? value
      : this.report(path, 'must be a finite number');
  }

  list(value: unknown, path: string, min: number, max: number, what: string): unknown[] | undefined {
    if (value === undefined) return this.report(path, 'required');
    if (!Array.isArray(value)) return this.report(path, 'must be a list');
    if (value.length < min || value.length > max) return this.report(path, what);
    return value;
  }
}

const DOCUMENT: Fields = { apiVersion: 'read', kind: 'read', metadata: 'read', spec: 'read' };
const METADATA: Fields = {
  name: 'read',
  displayName: 'read',
  annotations: 'read',
  labels: 'Vigil SLAs have no labels',
};
const SPEC: Fields = {
  description: 'read',
  service: 'ignored',
  indicator: 'read',
  timeWindow: 'read',
  budgetingMethod: 'read',
  objectives: 'read',
  indicatorRef: 'Vigil needs the indicator inline, in spec.indicator',
  alertPolicies: "Vigil's SLO alerts are its own multiwindow burn-rate alerts",
};
const INDICATOR: Fields = { metadata: 'read', spec: 'read' };
const INDICATOR_METADATA: Fields = {
  name: 'ignored',
  displayName: 'ignored',
  annotations: 'ignored',
  labels: 'Vigil SLAs have no labels',
};
const SLI_SPEC: Fields = {
  thresholdMetric: 'read',
  ratioMetric: "Vigil's indicator is a threshold on a metric's value (thresholdMetric)",
  description: 'Vigil keeps one description, spec.description',
};
const THRESHOLD_METRIC: Fields = { metricSource: 'read' };
const METRIC_SOURCE: Fields = {
  type: 'read',
  spec: 'read',
  metricSourceRef: 'Vigil reads its own Prometheus: give type Prometheus and spec.query',
};
const SOURCE_SPEC: Fields = { query: 'read' };
const TIME_WINDOW: Fields = { duration: 'read', isRolling: 'read', calendar: 'read' };
const CALENDAR: Fields = { startTime: 'read', timeZone: 'read' };
const OBJECTIVE: Fields = {
  displayName: 'ignored',
  op: 'read',
  value: 'read',
  target: 'read',
  targetPercent: 'read',
  timeSliceTarget: 'read',
  timeSliceWindow: 'read',
  indicator: 'composite SLOs are not supported',
  indicatorRef: 'composite SLOs are not supported',
  compositeWeight: 'composite SLOs are not supported',
};

/** README "Custom Data Types": a positive integer and one unit. */
const SHORTHAND = /^([1-9][0-9]*)([mhdwMQY])$/;
const SHORTHAND_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1_440, w: 10_080 };
const START_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) 00:00:00$/;

/** A rolling window of the same length as one of Vigil's (`1w` is 7d), whatever unit writes it. */
function rollingWindow(r: Reader, duration: string, path: string): ObjectiveWindow | undefined {
  const m = SHORTHAND.exec(duration);
  const minutes = m ? Number(m[1]) * (SHORTHAND_MINUTES[m[2]!] ?? Number.NaN) : Number.NaN;
  const window = Object.entries(ROLLING_WINDOWS).find(([, n]) => n === minutes)?.[0];
  if (window) return window as ObjectiveWindow;
  return r.report(path, `${JSON.stringify(duration)}: Vigil's rolling windows are 7d, 28d and 30d`);
}

function calendarWindow(
  r: Reader,
  item: Mapping,
  duration: string | undefined,
  path: string,
): ObjectiveWindow | undefined {
  const calendar = r.mapping(item.calendar, `${path}.calendar`, CALENDAR);
  const window = (Object.keys(CALENDAR_WINDOWS) as Array<keyof typeof CALENDAR_WINDOWS>).find(
    (w) => CALENDAR_WINDOWS[w] === duration,
  );
  if (!window && duration !== undefined) {
    r.report(`${path}.duration`, `${JSON.stringify(duration)}: Vigil's calendar windows are 1w and 1M`);
  }
  if (!calendar) return undefined;
  const zone = r.string(calendar.timeZone, `${path}.calendar.timeZone`);
  if (zone !== undefined && !UTC_ZONES.includes(zone)) {
    r.report(`${path}.calendar.timeZone`, `${JSON.stringify(zone)}: Vigil's calendar windows are in UTC`);
  }
  const start = r.string(calendar.startTime, `${path}.calendar.startTime`);
  if (start !== undefined && window && !alignedStart(start, window)) {
    const what = window === 'week' ? 'a Monday' : 'the first of a month';
    r.report(`${path}.calendar.startTime`, `${JSON.stringify(start)}: must be ${what} at 00:00:00`);
  }
  return window;
}

/** Vigil's weeks start on Monday and months on the 1st, at midnight UTC: the start must be one of those. */
function alignedStart(start: string, window: 'week' | 'month'): boolean {
  const m = START_TIME.exec(start);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return window === 'week' ? date.getUTCDay() === 1 : day === 1;
}

function readWindow(r: Reader, spec: Mapping): ObjectiveWindow | undefined {
  const windows = r.list(spec.timeWindow, 'spec.timeWindow', 1, 1, 'must hold exactly one window');
  if (!windows) return undefined;
  const path = 'spec.timeWindow[0]';
  const item = r.mapping(windows[0], path, TIME_WINDOW);
  if (!item) return undefined;
  const duration = r.string(item.duration, `${path}.duration`);
  if (item.isRolling !== undefined && typeof item.isRolling !== 'boolean') {
    return r.report(`${path}.isRolling`, 'must be true or false');
  }
  if (item.isRolling === true) {
    if (item.calendar !== undefined) r.report(`${path}.calendar`, 'not allowed with isRolling: true');
    return duration === undefined ? undefined : rollingWindow(r, duration, `${path}.duration`);
  }
  if (item.calendar === undefined) {
    return r.report(`${path}.calendar`, 'required unless isRolling is true');
  }
  return calendarWindow(r, item, duration, path);
}

function readQuery(r: Reader, spec: Mapping): { metric: string; matchers: SlaMatcher[] } | undefined {
  // An indicator by reference was refused already (Vigil needs it inline).
  if (spec.indicator === undefined && spec.indicatorRef !== undefined) return undefined;
  const sli = r.mapping(spec.indicator, 'spec.indicator', INDICATOR);
  if (!sli) return undefined;
  const meta = sli.metadata;
  if (meta !== undefined) r.mapping(meta, 'spec.indicator.metadata', INDICATOR_METADATA);
  const sliSpec = r.mapping(sli.spec, 'spec.indicator.spec', SLI_SPEC);
  if (!sliSpec || sliSpec.thresholdMetric === undefined) {
    // A ratio indicator was refused already; say what is missing only when nothing else stands in its place.
    if (sliSpec && sliSpec.ratioMetric === undefined)
      r.report('spec.indicator.spec.thresholdMetric', 'required');
    return undefined;
  }
  const base = 'spec.indicator.spec.thresholdMetric';
  const threshold = r.mapping(sliSpec.thresholdMetric, base, THRESHOLD_METRIC);
  const source = threshold && r.mapping(threshold.metricSource, `${base}.metricSource`, METRIC_SOURCE);
  if (!source) return undefined;
  const type = r.string(source.type, `${base}.metricSource.type`);
  if (type !== undefined && type !== 'Prometheus') {
    r.report(`${base}.metricSource.type`, `${JSON.stringify(type)}: Vigil reads Prometheus only`);
  }
  const sourceSpec = r.mapping(source.spec, `${base}.metricSource.spec`, SOURCE_SPEC);
  const query = sourceSpec && r.string(sourceSpec.query, QUERY_PATH);
  if (query === undefined) return undefined;
  const parsed = parseSelector(query);
  if ('problem' in parsed) return r.report(QUERY_PATH, parsed.problem);
  for (const m of parsed.matchers) {
    const problem = isRegexOp(m.op) ? regexProblem(m.value) : null;
    if (problem !== null) r.report(QUERY_PATH, `${formatMatcher(m)}: not an RE2 regex (${problem})`);
  }
  return parsed;
}

interface Bound {
  op: 'gte' | 'lte';
  value: number;
  target: number;
  index: number;
}

function readObjective(r: Reader, value: unknown, index: number, timeslices: boolean): Bound | undefined {
  const path = `spec.objectives[${index}]`;
  const o = r.mapping(value, path, OBJECTIVE);
  if (!o) return undefined;
  const op = r.string(o.op, `${path}.op`);
  if (op !== undefined && op !== 'gte' && op !== 'lte') {
    r.report(`${path}.op`, `${JSON.stringify(op)}: Vigil's bounds are inclusive, gte (min) or lte (max)`);
  }
  const bound = r.number(o.value, `${path}.value`);
  const target = readTarget(r, o, path);
  // Only worth saying of a Timeslices objective: another budgeting method is refused as a whole.
  if (timeslices && o.timeSliceTarget !== 1) {
    r.report(`${path}.timeSliceTarget`, 'must be 1: a series-minute is good when its one evaluation is');
  }
  // README "Objectives": a plain number is minutes.
  if (timeslices && o.timeSliceWindow !== '1m' && o.timeSliceWindow !== 1) {
    r.report(`${path}.timeSliceWindow`, 'must be 1m: Vigil evaluates every minute');
  }
  if ((op !== 'gte' && op !== 'lte') || bound === undefined || target === undefined) return undefined;
  return { op, value: bound, target, index };
}

/** README "Objectives": `target` or `targetPercent` (0.9995 ≡ 99.95), one of them. */
function readTarget(r: Reader, o: Mapping, path: string): number | undefined {
  if (o.target !== undefined && o.targetPercent !== undefined) {
    return r.report(`${path}.targetPercent`, 'give target or targetPercent, not both');
  }
  const percent = o.targetPercent !== undefined;
  const at = `${path}.${percent ? 'targetPercent' : 'target'}`;
  const given = r.number(percent ? o.targetPercent : o.target, at);
  if (given === undefined) return undefined;
  // Rounded to 15 digits: 99.95 / 100 is the decimal 0.9995 the author wrote, not its nearest double's quotient.
  const target = percent ? Number((given / 100).toPrecision(15)) : given;
  if (target >= TARGET_MIN && target <= TARGET_MAX) return target;
  return r.report(at, `${given}: Vigil's targets go from ${TARGET_MIN} to ${TARGET_MAX} (as a share)`);
}

function readBounds(r: Reader, spec: Mapping): Bound[] | undefined {
  const method = r.string(spec.budgetingMethod, 'spec.budgetingMethod');
  if (method !== undefined && method !== 'Timeslices') {
    r.report(
      'spec.budgetingMethod',
      `${JSON.stringify(method)}: Vigil counts good 1-minute time slices of each series (Timeslices)`,
    );
  }
  const list = r.list(spec.objectives, 'spec.objectives', 1, 2, 'one objective per bound: one or two');
  if (!list) return undefined;
  const bounds = list.map((o, i) => readObjective(r, o, i, method === 'Timeslices'));
  const [first, second] = bounds;
  if (!first || (list.length === 2 && !second)) return undefined;
  if (!second) return [first];
  if (first.op === second.op) {
    return r.report(`spec.objectives[1].op`, `a second ${second.op} objective: Vigil has one bound each way`);
  }
  if (first.target !== second.target) {
    return r.report(
      'spec.objectives[1].target',
      `${second.target} differs from spec.objectives[0].target (${first.target}): an SLA has one target`,
    );
  }
  const [min, max] = first.op === 'gte' ? [first, second] : [second, first];
  if (min.value > max.value) {
    return r.report('spec.objectives', `the gte value (${min.value}) is above the lte value (${max.value})`);
  }
  return [first, second];
}

function annotationPath(key: string): string {
  return `metadata.annotations["${key}"]`;
}

/** An annotation Vigil reads: a string, or absent. */
function annotation(r: Reader, annotations: Mapping | undefined, key: string): string | undefined {
  return r.string(annotations?.[key], annotationPath(key), false);
}

/**
 * Only Vigil's own keys are read; other implementations' annotations are their implementation metadata (README
 * "General Schema"), not Vigil's to refuse.
 */
function readAnnotations(r: Reader, metadata: Mapping): Mapping | undefined {
  if (metadata.annotations === undefined) return undefined;
  const annotations = r.mapping(metadata.annotations, 'metadata.annotations', null);
  const known: string[] = Object.values(ANNOTATIONS);
  for (const key of Object.keys(annotations ?? {})) {
    if (key.startsWith(VIGIL_PREFIX) && !known.includes(key)) {
      r.report(annotationPath(key), `unknown Vigil annotation; known: ${known.join(', ')}`);
    }
  }
  return annotations;
}

/**
 * The SLA an OpenSLO v1 SLO document describes, and where each of its fields came from; throws OpenSloError
 * naming every field Vigil cannot keep or that is not valid. The result still goes through the API's own checks
 * (schema, sla-input.ts) like a POST /slas body.
 */
export function fromOpenSlo(doc: unknown): { sla: OpenSloSla; sources: OpenSloSources } {
  const r = new Reader();
  const root = r.mapping(doc, '', DOCUMENT);
  if (!root) throw new OpenSloError(r.problems);
  if (root.apiVersion !== OPENSLO_API_VERSION) r.report('apiVersion', `must be ${OPENSLO_API_VERSION}`);
  if (root.kind !== 'SLO') r.report('kind', 'must be SLO: Vigil imports SLOs');
  const metadata = r.mapping(root.metadata, 'metadata', METADATA);
  const spec = r.mapping(root.spec, 'spec', SPEC);
  const annotations = metadata && readAnnotations(r, metadata);
  const dnsName = metadata && r.string(metadata.name, 'metadata.name');
  const displayName = metadata && r.string(metadata.displayName, 'metadata.displayName', false);
  const longName = annotation(r, annotations, ANNOTATIONS.name);
  const forText = annotation(r, annotations, ANNOTATIONS.for);
  const longDescription = annotation(r, annotations, ANNOTATIONS.description);
  const description = spec && r.string(spec.description, 'spec.description', false);
  if (spec) r.string(spec.service, 'spec.service', false);
  const query = spec && readQuery(r, spec);
  const window = spec && readWindow(r, spec);
  const bounds = spec && readBounds(r, spec);
  if (r.problems.length > 0 || !query || !window || !bounds || dnsName === undefined) {
    throw new OpenSloError(r.problems);
  }
  const min = bounds.find((b) => b.op === 'gte');
  const max = bounds.find((b) => b.op === 'lte');
  return {
    sla: {
      name: longName ?? displayName ?? dnsName,
      description: longDescription ?? description ?? '',
      metric: query.metric,
      matchers: query.matchers,
      min: min?.value ?? null,
      max: max?.value ?? null,
      for: forText ?? '0s',
      objective: { target: bounds[0]!.target, window },
    },
    sources: {
      name:
        longName !== undefined
          ? annotationPath(ANNOTATIONS.name)
          : displayName !== undefined
            ? 'metadata.displayName'
            : 'metadata.name',
      description:
        longDescription !== undefined ? annotationPath(ANNOTATIONS.description) : 'spec.description',
      metric: QUERY_PATH,
      matchers: QUERY_PATH,
      min: min ? `spec.objectives[${min.index}].value` : 'spec.objectives',
      max: max ? `spec.objectives[${max.index}].value` : 'spec.objectives',
      for: annotationPath(ANNOTATIONS.for),
      objective: `spec.objectives[${bounds[0]!.index}].target`,
    },
  };
}
