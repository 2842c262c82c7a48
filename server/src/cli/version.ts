// esbuild inlines the JSON (and drops the fields not read); tsc reads it for the tests.
import { version } from '../../../package.json';

/** The package version, so the CLI, JSON and SARIF never disagree with what is installed. */
export const VERSION: string = version;

export const INFORMATION_URI = 'https://github.com/kubeward/kubeward';
