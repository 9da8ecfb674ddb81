/**
 * When a tree view tells VS Code its rows changed (the Schema and Machines views). A change event fired
 * before the view is first shown is kept by VS Code and replayed as a second full redraw just after the
 * view's first read: Filter Schema with the view closed (or the schema arriving before the view opens)
 * redrew every row ~0.5 s after they appeared, and a click landing then was dropped. The first read
 * already sees the newest data, so nothing needs telling until the view has been shown; after that VS
 * Code holds a hidden view's event itself.
 * Changes in one turn are told once: VS Code's extension host passes the first event of a burst on at once
 * and the rest 200 ms later as a second redraw (a backend change and a time range change from one edit of
 * settings.json were two redraws of the Machines view).
 * No `vscode` import: the decision is tested in plain Node.
 */
export class RefreshGate {
  private shown = false;
  private pending = false;
  private filter = '';
  /** Change events fired: for the trace log and the tests. */
  fired = 0;

  constructor(
    /** Fires the view's `onDidChangeTreeData`. */
    private readonly fire: () => void,
    /** Runs its argument once the current turn's changes are all in. */
    private readonly later: (run: () => void) => void = queueMicrotask,
  ) {}

  /** The view's visibility changed (or is known at creation). */
  visibility(visible: boolean): void {
    if (visible) this.shown = true;
  }

  /**
   * VS Code read the rows: the view is drawn, whatever order its visibility event arrives in (a change
   * between this read and that event must still redraw it).
   */
  read(): void {
    this.shown = true;
  }

  /** The data changed: whether VS Code is told (once for all the changes of this turn). */
  dataChanged(visible: boolean): boolean {
    this.visibility(visible);
    if (!this.shown) return false;
    if (!this.pending) {
      this.pending = true;
      this.later(() => {
        this.pending = false;
        this.fired++;
        this.fire();
      });
    }
    return true;
  }

  /** The filter was set: whether VS Code is told (not when it is the one already applied, nor before the first show). */
  filterSet(text: string, visible: boolean): boolean {
    if (text === this.filter) return false;
    this.filter = text;
    return this.dataChanged(visible);
  }
}
