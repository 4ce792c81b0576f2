/**
 * A strict reader of Prometheus' text exposition format 0.0.4, for the metrics tests. Strict on
 * purpose, since the test's point is that a real Prometheus could read the page: every line must be a
 * comment, a HELP or TYPE line, or a sample of a family whose TYPE came first; names, label names
 * and escapes must be as the format defines them; no series may appear twice; and a histogram's
 * buckets must be cumulative up to an `le="+Inf"` equal to its `_count`. (No npm parser of the format
 * is maintained; the ones there are also accept what Prometheus would refuse.)
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Family name to its TYPE. */
  types: Map<string, string>;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
// name, then optionally {labels}, then a value, then optionally a timestamp.
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;

export function parseExposition(text: string): Exposition {
  if (text !== '' && !text.endsWith('\n'))
    throw new Error('the exposition does not end in a newline');
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const seen = new Set<string>();
  text
    .split('\n')
    .slice(0, -1)
    .forEach((line, i) => {
      const fail = (why: string) => {
        throw new Error(`line ${i + 1}: ${why}: ${JSON.stringify(line)}`);
      };
      if (line.startsWith('#')) {
        const [, keyword, name, rest] = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line) ?? [];
        if (!keyword) return; // any other comment
        if (!METRIC_NAME.test(name!)) fail('bad metric name');
        if (keyword === 'TYPE') {
          if (!TYPES.has(rest!)) fail('unknown type');
          if (types.has(name!)) fail('a second TYPE for one family');
          types.set(name!, rest!);
        }
        return;
      }
      if (line === '') return;
      const match = SAMPLE.exec(line);
      if (!match) return fail('not a sample');
      const [, name, labelText = '', valueText] = match;
      if (familyOf(name!, types) === undefined) fail('a sample of a family with no TYPE before it');
      const labels = parseLabels(labelText, fail);
      const value = parseValue(valueText!);
      if (value === undefined) fail('bad value');
      const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
      if (seen.has(key)) fail('a series that appeared before');
      seen.add(key);
      samples.push({ name: name!, labels, value: value! });
    });
  checkHistograms(types, samples);
  return { types, samples };
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count|created)$/, '');
  const type = types.get(base);
  return type === 'histogram' || type === 'summary' ? base : undefined;
}

function parseLabels(text: string, fail: (why: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) fail('bad labels');
    const [, name, escaped] = match;
    if (!LABEL_NAME.test(name!) || name! in labels) fail('bad or repeated label name');
    labels[name!] = escaped!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/**
 * A sample's value as Prometheus reads it (Go's ParseFloat): the special values in any case, as
 * prom-client writes `Nan` for an event-loop lag not yet measured.
 */
function parseValue(text: string): number | undefined {
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Each histogram series: buckets that never decrease, ending at +Inf with the series' count. */
function checkHistograms(types: Map<string, string>, samples: Sample[]): void {
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, { buckets: [number, number][]; count?: number }>();
    const keyOf = (labels: Record<string, string>) =>
      JSON.stringify(
        Object.entries(labels)
          .filter(([name]) => name !== 'le')
          .sort(),
      );
    for (const sample of samples) {
      const entry = () => {
        const key = keyOf(sample.labels);
        if (!series.has(key)) series.set(key, { buckets: [] });
        return series.get(key)!;
      };
      if (sample.name === `${family}_bucket`) {
        const le = parseValue(sample.labels.le ?? '');
        if (le === undefined) throw new Error(`${family}: a bucket without a numeric le`);
        entry().buckets.push([le, sample.value]);
      } else if (sample.name === `${family}_count`) entry().count = sample.value;
    }
    for (const [key, { buckets, count }] of series) {
      const last = buckets.at(-1);
      if (last?.[0] !== Infinity || last[1] !== count) {
        throw new Error(`${family}${key}: the +Inf bucket is missing or differs from _count`);
      }
      buckets.forEach(([, value], i) => {
        if (i > 0 && value < buckets[i - 1]![1]) {
          throw new Error(`${family}${key}: buckets are not cumulative`);
        }
      });
    }
  }
}

/** The value of the one sample named `name` whose labels include `labels`; 0 if there is none. */
export function sampleValue(
  exposition: Exposition,
  name: string,
  labels: Record<string, string>,
): number {
  const matching = exposition.samples.filter(
    (s) =>
      s.name === name &&
      Object.entries(labels).every(([label, value]) => s.labels[label] === value),
  );
  if (matching.length > 1)
    throw new Error(`${name} ${JSON.stringify(labels)} names several series`);
  return matching[0]?.value ?? 0;
}
