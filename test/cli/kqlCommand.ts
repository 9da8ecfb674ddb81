// The Node arguments that start the `kql` command in a test's child process: the built dist/cli.js (what
// bin/kql.js runs) when it is current, else src/cli/main.ts through tsx (see ../builtBundle).
import { currentBundle } from '../builtBundle';

const bundle = currentBundle('cli.js');

/** `node <these> …args` runs the command. */
export const KQL_COMMAND: readonly string[] = bundle ? [bundle] : ['--import', 'tsx', 'src/cli/main.ts'];
