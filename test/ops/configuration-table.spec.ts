import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, CONFIG_VARIABLES } from '@lib/config';

const README = join(__dirname, '..', '..', 'README.md');
/** Read by the build and the launcher, not by the apps (docs/operations.md, "Memory"). */
const LAUNCH_VARIABLES = ['APP_NODE_OPTIONS'];

interface Row {
  names: string[];
  defaults: string[];
  /** The third cell: what each variable accepts, in the order of the names (`1–64`, `10–600000 / 100–3600000`). */
  accepted: string;
}

/** What AppConfig's validators accept of each variable: the bounds of a number, the values of a choice. */
function acceptedByCode(): Map<string, { min?: number; max?: number; values?: string[] }> {
  const accepted = new Map<string, { min?: number; max?: number; values?: string[] }>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false)) {
    const entry = accepted.get(rule.propertyName) ?? {};
    if (rule.name === 'min') entry.min = rule.constraints[0] as number;
    else if (rule.name === 'max') entry.max = rule.constraints[0] as number;
    else if (rule.name === 'isIn') entry.values = rule.constraints[0] as string[];
    else continue;
    accepted.set(rule.propertyName, entry);
  }
  return accepted;
}

/** The rows of the README's configuration table: the variables of the first cell, the backticked defaults of the second, the third. */
function configurationRows(): Row[] {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration') + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [names, defaults, accepted] = line.split(' | ');
      const ticked = (cell: string) => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
      return { names: ticked(names), defaults: ticked(defaults), accepted };
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

  it('gives the range of every number and the values of every choice as the validators have them', () => {
    // Before 2026-11-25 the table gave no range: CONSUMER_CONCURRENCY=100 was refused at boot with nothing in the README saying 1–64.
    expect(readFileSync(README, 'utf8')).toContain('| variable | default | accepted | meaning |');
    const code = acceptedByCode();
    const compared: string[] = [];
    for (const row of rows) {
      // A row of several variables lists what each accepts in the same order, as its defaults.
      const cells = row.accepted.split(/ \/ |, (?=\d)/);
      row.names.forEach((name, i) => {
        const { min, max, values } = code.get(name) ?? {};
        if (min !== undefined && max !== undefined) {
          expect(`${name}: ${cells[i]}`).toBe(`${name}: ${min}–${max}`);
          compared.push(name);
        } else if (values) {
          expect(`${name}: ${[...row.accepted.matchAll(/`([^`]*)`/g)].map((m) => m[1]).join(', ')}`).toBe(`${name}: ${values.join(', ')}`);
          compared.push(name);
        }
      });
    }
    expect(compared.sort()).toEqual([...code].filter(([, entry]) => (entry.min !== undefined && entry.max !== undefined) || entry.values).map(([name]) => name).sort());
  });
});
