import { WorkspaceIndex, type FileFacts, type WorkspaceView } from '../engine/workspace';

/**
 * What the cross-object rules of open documents see: the facts (namespace labels, NetworkPolicies,
 * ServiceAccounts, workloads) of every open document and of every file the workspace scan has read.
 *
 * An open document's facts come from its unsaved text and win over what the scan read from disk;
 * closing it falls back to the disk's. Whenever the shared facts of a namespace change, the files
 * with workloads in that namespace are reported through `onAffected`, and only those are re-analysed.
 */
export class WorkspaceFacts {
  private readonly index = new WorkspaceIndex();
  private readonly openFacts = new Map<string, FileFacts>();
  private readonly diskFacts = new Map<string, FileFacts>();
  private epochCounter = 0;
  /** Called with the URIs whose cross-object findings may have changed. */
  onAffected: ((uris: readonly string[]) => void) | undefined;

  /** Changes whenever a change of facts affects some file, so an analysis started earlier may be stale. */
  get epoch(): number {
    return this.epochCounter;
  }

  viewFor(uri: string): WorkspaceView {
    return this.index.viewFor(uri);
  }

  /** An open document was analysed. */
  openAnalysed(uri: string, facts: FileFacts): void {
    this.openFacts.set(uri, facts);
    this.report(this.index.set(uri, facts));
  }

  /** An open document was closed: what is on disk (if the scan read it) counts again. */
  openClosed(uri: string): void {
    if (!this.openFacts.delete(uri)) return;
    const disk = this.diskFacts.get(uri);
    this.report(disk ? this.index.set(uri, disk) : this.index.delete(uri));
  }

  /** The workspace scan read a file (facts), or found it gone or unreadable (undefined). */
  diskRead(uri: string, facts: FileFacts | undefined): void {
    if (facts) this.diskFacts.set(uri, facts);
    else if (!this.diskFacts.delete(uri)) return;
    // An open document's unsaved text is what the user sees; the disk counts once it is closed.
    if (this.openFacts.has(uri)) return;
    this.report(facts ? this.index.set(uri, facts) : this.index.delete(uri));
  }

  private report(affected: readonly string[]): void {
    if (affected.length === 0) return;
    this.epochCounter++;
    this.onAffected?.(affected);
  }
}
