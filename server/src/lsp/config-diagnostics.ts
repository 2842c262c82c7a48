import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE_NAMES, parseConfigText, type ConfigProblem } from '../engine/config-file';
import { LineIndex } from '../engine/text';
import { CONFIG_DIAGNOSTIC_CODE, DIAGNOSTIC_SOURCE } from '../protocol';

/** Whether a URI or path names a repository config file (`.kubeward.yaml`/`.yml`). */
export function isConfigFile(uriOrPath: string): boolean {
  const name = uriOrPath.slice(Math.max(uriOrPath.lastIndexOf('/'), uriOrPath.lastIndexOf('\\')) + 1);
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}

/** The loader's problems as diagnostics in the config file itself. */
export function configProblemDiagnostics(text: string, problems: readonly ConfigProblem[]): Diagnostic[] {
  const lines = new LineIndex(text);
  return problems.map((problem) => ({
    range: lines.rangeOf(problem.span),
    // A mistake drops that setting (the rest still applies), so the team's intent is not in force.
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: CONFIG_DIAGNOSTIC_CODE,
    message: `${problem.message} The rest of the file still applies.`,
  }));
}

/** Validates config text as the loader does and returns its diagnostics. */
export function configDiagnostics(text: string): Diagnostic[] {
  return configProblemDiagnostics(text, parseConfigText(text.replace(/^\uFEFF/, '')).problems);
}
