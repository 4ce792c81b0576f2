import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProject, NEST_PLATFORMS, UsageError } from './create-project.js';
import { availableFrameworks } from './frameworks.js';

const usage = (
  frameworks: string[],
) => `Usage: create-rosetta <framework> <directory> [--platform <name>]

Creates a standalone project from one Rosetta starter: the starter, the domain and the contract as
ordinary source, and the conformance suite for that one framework.

  <framework>         one of: ${frameworks.join(', ')}
  <directory>         a new or empty directory outside this checkout
  --platform <name>   nest only: the HTTP platform it runs on by default, ${NEST_PLATFORMS.join(' or ')}
                      (${NEST_PLATFORMS[0]} if not given; NEST_ADAPTER still switches at start)

From the repository root: npm run create -- express ../my-api
`;

/** Runs the tool and returns the exit code: 0 on success, 2 for a usage error, 1 for anything else. */
export async function main(argv: string[]): Promise<number> {
  const frameworks = [...(await availableFrameworks()).keys()];
  let positionals;
  let values;
  try {
    ({ positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, platform: { type: 'string' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage(frameworks)}`);
    return 2;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage(frameworks));
    return 0;
  }
  const [framework, directory, ...extra] = positionals;
  if (!framework || !directory || extra.length > 0) {
    console.error(usage(frameworks));
    return 2;
  }
  // `npm run create` runs in the repository root; a relative directory means relative to where the
  // user typed the command, which npm passes as INIT_CWD.
  const targetDir = resolve(process.env.INIT_CWD ?? process.cwd(), directory);
  try {
    const project = await createProject({ framework, targetDir, platform: values.platform });
    const shown = directory.includes(' ') ? JSON.stringify(directory) : directory;
    console.log(`Created ${project.name} from the ${framework} starter in ${project.dir}

Next steps:
  cd ${shown}
  npm install
  npm start       # builds, then serves http://127.0.0.1:3000 on embedded PostgreSQL
  npm test        # typecheck, unit tests, and the conformance suite against your app

Then commit package-lock.json: the Dockerfile and the CI workflow install from it.`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`create-rosetta: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
