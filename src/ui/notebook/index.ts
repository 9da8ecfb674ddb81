/** KQL notebooks (.kqlnb): the serializer, the controller that runs cells, and the notebook commands. */
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../../notebook';
import type { Ctx } from '../ctx';
import { ComputersStatusBar } from './computersStatusBar';
import { KqlNotebookController, RowCountStatusBar } from './controller';
import { registerNotebookCommands } from './notebookCommands';
import { KqlNotebookSerializer } from './serializer';

export function registerNotebooks(ctx: Ctx): void {
  ctx.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new KqlNotebookSerializer(ctx.config), {
      transientOutputs: false,
    }),
    new KqlNotebookController(ctx),
    vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, new RowCountStatusBar()),
  );
  const computers = new ComputersStatusBar();
  ctx.subscriptions.push(
    computers,
    vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, computers),
  );
  registerNotebookCommands(ctx);
}
