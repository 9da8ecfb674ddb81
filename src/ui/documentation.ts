/**
 * "Open Documentation": the README and docs/*.md pages ship in the VSIX, but VS Code's extension details
 * page opens only http(s) and mailto links, and the package has no repository to rewrite README's
 * relative links against. VS Code's Markdown preview follows relative links between .md files, so the
 * pages open there, from the installed extension's own folder.
 */
import * as vscode from 'vscode';

/** The README in the extension's folder: vsce stores README.md as readme.md; a dev checkout keeps README.md. */
async function readmeUri(extensionUri: vscode.Uri): Promise<vscode.Uri> {
  const entries = await vscode.workspace.fs.readDirectory(extensionUri);
  const name = entries.find(([n, type]) => type === vscode.FileType.File && n.toLowerCase() === 'readme.md')?.[0];
  if (!name) {
    throw new Error(`no README.md in the extension's folder ${extensionUri.fsPath}`);
  }
  return vscode.Uri.joinPath(extensionUri, name);
}

export function registerDocumentation(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('kql.openDocumentation', async () => {
      await vscode.commands.executeCommand('markdown.showPreview', await readmeUri(context.extensionUri));
    }),
  );
}
