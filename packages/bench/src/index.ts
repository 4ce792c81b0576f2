// What other packages read: the format of reports/bench.json and the helpers that present it.
export * from './results.js';
export * from './stats.js';
export * from './format.js';
