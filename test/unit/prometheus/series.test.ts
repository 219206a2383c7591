import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesKey } from '../../../contracts/series-key.ts';
import { fetchGroups, groupSelector, groupSelectorSpan, type SeriesRef } from '../../../prometheus/series.ts';

const metric = 'node_filesystem_avail_bytes';

function ref(labels: Record<string, string>): SeriesRef {
  return { key: seriesKey(metric, labels), metric, labels };
}

/** A fleet: every host has the same two filesystems, sorted by key as discovery returns them. */
function fleet(hosts: number): SeriesRef[] {
  const refs: SeriesRef[] = [];
  for (let h = 0; h < hosts; h++) {
    for (const mountpoint of ['/', '/data']) {
      refs.push(ref({ instance: `host-${String(h).padStart(3, '0')}:9100`, job: 'node', mountpoint }));
    }
  }
  return refs.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * What Prometheus does with the selector's label matchers, written out independently: `=` compares, `=~` is a fully
 * anchored regex (the escaped alternations groupSelector writes use no syntax JS and RE2 read differently).
 */
function selects(selector: string, labels: Record<string, string>): boolean {
  const body = selector.slice(selector.indexOf('{') + 1, -1);
  const matchers = [...body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)(=~|=)("(?:[^"\\]|\\.)*")/g)];
  return matchers.every(([, label, op, quoted]) => {
    const value = JSON.parse(quoted!) as string;
    const actual = labels[label!] ?? '';
    return op === '=' ? actual === value : new RegExp(`^(?:${value})$`).test(actual);
  });
}

describe('groupSelector', () => {
  it('uses equality for shared labels and an escaped alternation for the others', () => {
    const group = [ref({ instance: 'a.b:9100', job: 'node' }), ref({ instance: 'a+b:9100', job: 'node' })];
    const selector = groupSelector(
      'node_filefd_allocated',
      [{ label: 'job', op: '=~', value: 'node|demo' }],
      group,
    );
    expect(selector).toBe(
      'node_filefd_allocated{job=~"node|demo",instance=~"a\\\\+b:9100|a\\\\.b:9100",job="node"}',
    );
    expect(selects(selector, { instance: 'a.b:9100', job: 'node' })).toBe(true);
    expect(selects(selector, { instance: 'a+b:9100', job: 'node' })).toBe(true);
    // Escaped: the dot is not "any character", the plus not "one or more".
    expect(selects(selector, { instance: 'aXb:9100', job: 'node' })).toBe(false);
    expect(selects(selector, { instance: 'aab:9100', job: 'node' })).toBe(false);
  });

  it('matches an absent label with the empty value when some series of the group lack it', () => {
    const group = [ref({ job: 'node' }), ref({ job: 'node', device: 'sda' })];
    const selector = groupSelector(metric, [], group);
    expect(selects(selector, { job: 'node' })).toBe(true);
    expect(selects(selector, { job: 'node', device: 'sda' })).toBe(true);
    expect(selects(selector, { job: 'node', device: 'sdb' })).toBe(false);
  });
});

describe('groupSelectorSpan', () => {
  it('counts every series the selector matches, the cross product of label values included', () => {
    const all = fleet(3);
    const diagonal = [all[0]!, all[3]!]; // host-000 "/" and host-001 "/data"
    // host-000 and host-001, each with "/" and "/data": four series match a selector built from two.
    expect(groupSelectorSpan(diagonal, all)).toBe(4);
    const selector = groupSelector(metric, [], diagonal);
    expect(all.filter((r) => selects(selector, r.labels))).toHaveLength(4);
  });
});

describe('fetchGroups', () => {
  it('keeps a contiguous block of hosts as one group (its selector matches exactly its series)', () => {
    const all = fleet(50);
    const groups = fetchGroups(all.slice(10, 30), all);
    expect(groups).toEqual([all.slice(10, 30)]);
  });

  it('splits a group whose selector would pull in many series of other groups', () => {
    const all = fleet(8);
    // "/" of even hosts, "/data" of odd ones: one selector for all would match both filesystems of every host.
    const diagonal = all.filter((_, i) => i % 4 === 0 || i % 4 === 3);
    expect(groupSelectorSpan(diagonal, all)).toBe(2 * diagonal.length);
    const groups = fetchGroups(diagonal, all);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flat()).toEqual(diagonal);
  });

  it('partitions any sorted subset in order, each group within its waste bound or a single series', () => {
    const all = fleet(40);
    fc.assert(
      fc.property(fc.subarray(all, { minLength: 1 }), (subset) => {
        const groups = fetchGroups(subset, all);
        expect(groups.flat()).toEqual(subset);
        for (const g of groups) {
          const matched = all.filter((r) => selects(groupSelector(metric, [], g), r.labels)).length;
          expect(matched).toBe(groupSelectorSpan(g, all));
          expect(g.length === 1 || matched <= g.length * 1.25).toBe(true);
        }
      }),
    );
  });
});
