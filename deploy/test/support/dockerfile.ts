/**
 * What a Dockerfile tells the containers built from it: the build arguments it declares and the
 * environment of its final stage. Enough of Dockerfile syntax for the repository's own, which uses
 * `KEY=value` pairs and line continuations; dockerfile-utils lints the file itself.
 */
function instructions(dockerfile: string): string[] {
  return dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Every `ARG` name, in any stage. */
export function buildArgs(dockerfile: string): Set<string> {
  const names = instructions(dockerfile)
    .filter((line) => /^ARG\s/i.test(line))
    .map((line) => line.split(/\s+/)[1]!.split('=')[0]!);
  return new Set(names);
}

/** The `ENV` of the last stage: what every container of the image starts with. */
export function imageEnvironment(dockerfile: string): Record<string, string> {
  const lines = instructions(dockerfile);
  const lastFrom = lines.findLastIndex((line) => /^FROM\s/i.test(line));
  const env: Record<string, string> = {};
  for (const line of lines.slice(lastFrom + 1).filter((l) => /^ENV\s/i.test(l))) {
    for (const pair of line.split(/\s+/).slice(1)) {
      const [key = '', ...value] = pair.split('=');
      env[key] = value.join('=');
    }
  }
  return env;
}
