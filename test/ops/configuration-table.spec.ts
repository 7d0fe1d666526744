import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, CONFIG_VARIABLES } from '@lib/config';

const README = join(__dirname, '..', '..', 'README.md');
/** Read by the build and the launcher, not by the apps (docs/operations.md, "Memory"). */
const LAUNCH_VARIABLES = ['APP_NODE_OPTIONS'];

interface Row {
  names: string[];
  defaults: string[];
}

/** The rows of the README's configuration table: the variables of the first cell and the backticked defaults of the second. */
function configurationRows(): Row[] {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration') + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [names, defaults] = line.split(' | ');
      const ticked = (cell: string) => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
      return { names: ticked(names), defaults: ticked(defaults) };
    });
}

describe("the README's configuration table", () => {
  const rows = configurationRows();
  const documented = rows.flatMap((row) => row.names);

  it('documents every variable the apps read, and only those', () => {
    expect(rows.length).toBeGreaterThan(30);
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES, ...LAUNCH_VARIABLES].sort());
  });

  it("gives each variable's default as the code has it", () => {
    const defaults = new AppConfig() as unknown as Record<string, unknown>;
    const compared: string[] = [];
    for (const row of rows) {
      // A row of several variables lists their defaults in the same order; rows without one default per variable (PORT's per-app defaults, "unset") say it in words.
      if (row.defaults.length !== row.names.length) continue;
      row.names.forEach((name, i) => {
        if (defaults[name] === undefined) return;
        expect(`${name}=${row.defaults[i]}`).toBe(`${name}=${String(defaults[name])}`);
        compared.push(name);
      });
    }
    expect(compared.length).toBeGreaterThan(30);
  });
});
