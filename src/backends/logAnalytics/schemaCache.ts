/**
 * The workspace schema on disk, one file per workspace in the extension's global storage, so the editor
 * knows the workspace's tables offline and at start-up before the metadata API answers. Stored in the
 * metadata API's own shape with its source; a file that cannot be read is ignored (and refetched).
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { schemaFromMetadata, schemaToMetadata } from '../../schema/metadataJson';
import type { WorkspaceSchema } from '../../schema/workspaceSchema';

function fileFor(dir: string, workspaceId: string): string {
  return path.join(dir, `schema-${workspaceId.replace(/[^0-9a-zA-Z-]/g, '_')}.json`);
}

export async function readCachedSchema(dir: string, workspaceId: string): Promise<WorkspaceSchema | undefined> {
  try {
    const doc = JSON.parse(await fs.readFile(fileFor(dir, workspaceId), 'utf8')) as {
      source?: WorkspaceSchema['source'];
      metadata?: unknown;
    };
    if (!doc.source || typeof doc.source.fetchedAt !== 'string') return undefined;
    const schema = schemaFromMetadata(doc.metadata, doc.source);
    return { ...schema, source: { ...doc.source, kind: 'cache', label: `${doc.source.label} (cached)` } };
  } catch {
    return undefined;
  }
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a file. */
export async function writeCachedSchema(dir: string, workspaceId: string, schema: WorkspaceSchema): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const file = fileFor(dir, workspaceId);
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify({ source: schema.source, metadata: schemaToMetadata(schema) }));
  await fs.rename(temp, file);
}
