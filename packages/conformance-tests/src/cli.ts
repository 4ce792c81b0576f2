#!/usr/bin/env node
import { randomInt } from 'node:crypto';
import { parseCliArgs, usage, type CliArgs } from './args.js';
import { reliabilityProfiles } from './context.js';
import { openDatabaseServer, resolveDbKind, type DatabaseServer } from './database.js';
import { renderMatrix } from './matrix.js';
import { targetPassed, type TargetReport } from './results.js';
import { ownSignalHandlers, releaseAll, reportsDir, runTarget } from './run-target.js';
import { starterTarget, urlTargetName, type Target } from './targets.js';

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }

  let targets: Target[];
  try {
    targets = args.targets.map(starterTarget);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.url) targets.push({ kind: 'url', name: urlTargetName(args.url.baseUrl), ...args.url });

  const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL || undefined;
  if (args.instances > 1 && !redisUrl) {
    console.error(
      `--instances ${args.instances} needs a Redis for the instances to share rate limits in: set TEST_REDIS_URL or REDIS_URL.`,
    );
    return 2;
  }

  let databases: DatabaseServer | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      console.error(`\n${signal}: stopping servers and dropping databases…`);
      void releaseAll()
        .then(() => databases?.close())
        .finally(() => process.exit(130));
    };
    ownSignalHandlers.add(onSignal);
    process.once(signal, onSignal);
  }

  if (targets.some((t) => t.kind === 'starter')) {
    const kind = await resolveDbKind(args.db, process.env);
    console.log(`Database: ${kind}`);
    databases = await openDatabaseServer(kind, process.env);
  }

  const seed = args.seed ?? randomInt(2 ** 31);
  const reliability = { ...reliabilityProfiles[args.reliability], seed };
  console.log(`Reliability: ${reliability.name}, seed ${seed} (replay with --seed ${seed})`);
  if (args.instances > 1)
    console.log(`Instances: ${args.instances} per starter, behind a load balancer`);

  const reports: TargetReport[] = [];
  try {
    for (const target of targets) {
      console.log(
        `\n=== ${target.name} (${target.kind === 'url' ? target.baseUrl : target.packageDir}) ===`,
      );
      reports.push(
        await runTarget(target, {
          ...(databases && { databases }),
          files: args.files,
          ...(args.grep && { grep: args.grep }),
          reliability,
          ...(redisUrl && { redisUrl }),
          instances: args.instances,
        }),
      );
    }
  } finally {
    await databases?.close();
  }

  console.log(`\n${renderMatrix(reports)}`);
  console.log(`\nReports: ${reportsDir}/<target>.json`);
  for (const report of reports) {
    for (const error of report.errors) console.error(`\n${report.target}: ${error}`);
  }
  return reports.every(targetPassed) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
