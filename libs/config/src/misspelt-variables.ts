import { CONFIG_VARIABLES } from './app-config';
import { editDistance } from './edit-distance';
import { RUNNING_STACK_VARIABLES } from './running-stack';

/** Read by the commands and the launcher, not by AppConfig: set on purpose, never a typo of a setting. */
const OTHER_VARIABLES = [...RUNNING_STACK_VARIABLES, 'AP_API_KEY', 'APP_NODE_OPTIONS', 'FERRETDB_BIN'];

/** A variable of the environment that looks like a setting it is not, and the setting it is closest to. */
export interface MisspeltVariable {
  variable: string;
  meant: string;
}

/**
 * Variables that are a setting's name in another case or a letter or two away from it
 * (`MONGO_URI`, `CONSUMER_CONCURENCY`, `log_level`): an unknown name is ignored, so the setting kept
 * its default without a word. How far counts as a typo grows with the shorter name's length (none
 * under 6 characters but case, 1 up to 9, then 2), which leaves the usual variables of a shell or a
 * container alone (`HOME` is not `HOST`, `NODE_PATH` not `MODEL_PATH`).
 */
export function misspeltVariables(env: NodeJS.ProcessEnv, settings: readonly string[] = CONFIG_VARIABLES): MisspeltVariable[] {
  const known = new Set([...settings, ...OTHER_VARIABLES]);
  const found: MisspeltVariable[] = [];
  for (const variable of Object.keys(env)) {
    if (known.has(variable)) continue;
    let closest: { name: string; distance: number } | undefined;
    for (const name of settings) {
      const shorter = Math.min(variable.length, name.length);
      const allowed = shorter < 6 ? 0 : shorter <= 9 ? 1 : 2;
      if (Math.abs(variable.length - name.length) > allowed) continue;
      const distance = editDistance(variable.toUpperCase(), name);
      if (distance <= allowed && (!closest || distance < closest.distance)) closest = { name, distance };
    }
    if (closest) found.push({ variable, meant: closest.name });
  }
  return found;
}

/** "MONGO_URI is not a setting (ignored): did you mean MONGO_URL?" */
export function misspeltVariableWarning({ variable, meant }: MisspeltVariable): string {
  return `${variable} is not a setting (ignored): did you mean ${meant}?`;
}
