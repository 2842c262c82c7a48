import { analyzeText, ChunkCache, type AnalysisResult } from '../engine/analyze';
import type { Settings } from '../engine/config';
import { analyzeFile, readManifestFile } from '../engine/files';
import { splitDocuments } from '../engine/parse';
import { mergeFacts, sharedFactsOfChunk, WorkspaceIndex, type FileFacts } from '../engine/workspace';
import { fixAll } from '../engine/fix-all';
import { BOM, LineIndex } from '../engine/text';
import { describeFsError, walk } from '../engine/walk';
import type { FixMode } from './args';
import { writeFileAtomic } from './atomic-write';
import { unifiedDiff } from './diff';
import { compareFindings, compareMessages, displayPath, toReportFinding, type FileMessage, type ReportFinding, type ScanReport } from './report';
import { VERSION } from './version';

export interface ScanRequest {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly settings: Settings;
  readonly fix: FixMode;
  /** Apply unsafe fixes too. */
  readonly unsafe: boolean;
}

/** The facts a file shares with the others (namespaces' levels, NetworkPolicies, ServiceAccounts). */
function sharedFacts(text: string): FileFacts {
  return mergeFacts(splitDocuments(text).map((chunk) => sharedFactsOfChunk(chunk.text)));
}

/**
 * The first pass: what each file tells the others, so that a NetworkPolicy or a namespace label in
 * one file counts for the workloads of every other file, as in the editor's workspace scan. Files
 * are read again in the second pass rather than held, so memory stays flat on large trees.
 */
async function indexWorkspace(files: readonly string[], settings: Settings): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex();
  // A file's own facts always count (analyzeText adds them), so one file needs no first pass.
  if (files.length < 2) return index;
  for (const file of files) {
    const read = await readManifestFile(file, { maxFileSize: settings.maxFileSize });
    if (read.status !== 'ok') continue;
    const facts = sharedFacts(read.file.text);
    // Files that share nothing are left out, which keeps every file's view small.
    if (facts.namespaces.length > 0 || facts.policies.length > 0 || facts.serviceAccounts.length > 0) index.set(file, facts);
  }
  return index;
}

/** Walks, reads, analyses and (when asked) fixes the files. Never throws for bad input. */
export async function runScan(request: ScanRequest): Promise<ScanReport> {
  const { cwd, settings } = request;
  const show = (file: string) => displayPath(cwd, file);
  const walked = await walk(request.paths, { cwd });
  const findings: ReportFinding[] = [];
  const suppressed: ReportFinding[] = [];
  const errors: FileMessage[] = walked.errors.map((error) => ({ file: show(error.path), message: error.message }));
  const skipped: FileMessage[] = [];
  const notes: FileMessage[] = [];
  const diffs: string[] = [];
  let fixedProblems = 0;
  let fixedFiles = 0;
  const workspaces = await indexWorkspace(walked.files, settings);

  for (const absolute of walked.files) {
    const file = show(absolute);
    // One cache per file: fix-all and the re-analysis after writing reuse the untouched documents.
    const cache = new ChunkCache();
    const workspace = workspaces.viewFor(absolute);
    const analysis = await analyzeFile(absolute, { settings, cache, workspace, limitHint: '--max-file-size' });
    if (analysis.status !== 'ok') {
      (analysis.status === 'error' ? errors : skipped).push({ file, message: analysis.message });
      continue;
    }
    let text = analysis.file.text;
    let result: AnalysisResult = analysis.result;
    if (analysis.partlySkipped) notes.push({ file, message: analysis.partlySkipped });

    if (request.fix !== 'none' && result.findings.some((finding) => finding.fix && (request.unsafe || finding.fix.safety === 'safe'))) {
      const fixed = fixAll(text, { settings, cache, workspace, unsafe: request.unsafe });
      if (fixed.text !== text) {
        if (request.fix === 'dry-run') {
          const bom = analysis.file.bom ? BOM : '';
          diffs.push(unifiedDiff(file, bom + text, bom + fixed.text));
          fixedProblems += fixed.fixed;
          fixedFiles++;
        } else {
          try {
            await writeFileAtomic(analysis.file, fixed.text);
            text = fixed.text;
            result = analyzeText(text, { settings, cache, workspace });
            fixedProblems += fixed.fixed;
            fixedFiles++;
          } catch (error) {
            errors.push({ file, message: `The fixes could not be written, so the file was left as it was: ${describeFsError(error)}` });
          }
        }
      }
    }

    for (const failure of result.failures) {
      const reason = failure.error.split('\n')[0] ?? failure.error;
      errors.push({ file, message: `Rule "${failure.ruleId}" failed on this file, so its findings may be missing: ${reason}` });
    }
    const index = new LineIndex(text);
    for (const finding of result.findings) findings.push(toReportFinding(file, index, finding));
    for (const finding of result.suppressed) suppressed.push(toReportFinding(file, index, finding));
  }

  return {
    version: VERSION,
    cwd,
    filesScanned: walked.files.length,
    findings: findings.sort(compareFindings),
    suppressed: suppressed.sort(compareFindings),
    errors: errors.sort(compareMessages),
    skipped: skipped.sort(compareMessages),
    notes: notes.sort(compareMessages),
    ...(request.fix !== 'none' ? { fixed: { problems: fixedProblems, files: fixedFiles, dryRun: request.fix === 'dry-run' } } : {}),
    diffs,
  };
}
