/**
 * When the Schema view tells VS Code its rows changed. A change event fired before the view is first shown
 * is kept by VS Code and replayed as a second full redraw just after the view's first read: Filter Schema
 * with the view closed (or the schema arriving before the view opens) redrew every row ~0.5 s after they
 * appeared, and a click landing then was dropped. The first read already sees the newest data, so nothing
 * needs telling until the view has been shown; after that VS Code holds a hidden view's event itself.
 * No `vscode` import: the decision is tested in plain Node.
 */
export class RefreshGate {
  private shown = false;
  private filter = '';

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

  /** The data changed: whether to fire the change event now. */
  dataChanged(visible: boolean): boolean {
    this.visibility(visible);
    return this.shown;
  }

  /** The filter was set: whether to fire (not when it is the one already applied, nor before the first show). */
  filterSet(text: string, visible: boolean): boolean {
    if (text === this.filter) return false;
    this.filter = text;
    return this.dataChanged(visible);
  }
}
