import { createHash } from 'node:crypto';
import type { ObjectiveWindow } from '../../../contracts/slo.ts';
import { selector } from '../../../prometheus/selectors.ts';
import {
  ANNOTATIONS,
  CALENDAR_START,
  CALENDAR_WINDOWS,
  chars,
  DESCRIPTION_MAX,
  DISPLAY_NAME_MAX,
  DNS_LABEL_MAX,
  OPENSLO_API_VERSION,
  type OpenSloDocument,
  type OpenSloSla,
  SERVICE,
  type TimeWindow,
} from './document.ts';

/** An SLA as an OpenSLO v1 SLO document (the mapping: document.ts). */

/** An RFC 1123 label for `text` (README "General Schema"), or a stable one from its hash when nothing is left. */
function dnsLabel(text: string): string {
  const label = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, DNS_LABEL_MAX)
    .replace(/^-+|-+$/g, '');
  return label || `sla-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

function timeWindow(window: ObjectiveWindow): TimeWindow {
  if (window === 'week' || window === 'month') {
    return {
      duration: CALENDAR_WINDOWS[window],
      calendar: { startTime: CALENDAR_START, timeZone: 'UTC' },
      isRolling: false,
    };
  }
  return { duration: window, isRolling: true };
}

/** The SLA as an OpenSLO v1 SLO document (a plain object; `writeOpenSloYaml` makes it text). */
export function toOpenSlo(sla: OpenSloSla): OpenSloDocument {
  const annotations: Record<string, string> = { [ANNOTATIONS.for]: sla.for };
  const nameFits = chars(sla.name) <= DISPLAY_NAME_MAX;
  if (!nameFits) annotations[ANNOTATIONS.name] = sla.name;
  const descriptionFits = chars(sla.description) <= DESCRIPTION_MAX;
  if (!descriptionFits) annotations[ANNOTATIONS.description] = sla.description;
  const bounds = [
    ...(sla.min === null ? [] : [{ op: 'gte' as const, value: sla.min }]),
    ...(sla.max === null ? [] : [{ op: 'lte' as const, value: sla.max }]),
  ];
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'SLO',
    metadata: {
      name: dnsLabel(sla.name),
      ...(nameFits ? { displayName: sla.name } : {}),
      annotations,
    },
    spec: {
      ...(descriptionFits && sla.description !== '' ? { description: sla.description } : {}),
      service: SERVICE,
      indicator: {
        metadata: { name: dnsLabel(sla.metric) },
        spec: {
          thresholdMetric: {
            metricSource: { type: 'Prometheus', spec: { query: selector(sla.metric, sla.matchers) } },
          },
        },
      },
      timeWindow: [timeWindow(sla.objective.window)],
      budgetingMethod: 'Timeslices',
      objectives: bounds.map((b) => ({
        ...b,
        target: sla.objective.target,
        timeSliceTarget: 1,
        timeSliceWindow: '1m',
      })),
    },
  };
}
