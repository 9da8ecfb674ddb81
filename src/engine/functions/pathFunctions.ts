/**
 * parse_path: a file path split into the bag the reference shows. Its five examples fix the rules:
 *  - "Scheme" is a `scheme://` prefix ("file" in file://C:/temp/file.txt), removed before the rest;
 *  - "RootPath" is a drive ("C:"); a UNC path (\\shared\…) and a Unix path (/usr/…) have none;
 *  - the last '\' or '/' splits "DirectoryPath" from the file name, and "DirectoryName" is the last
 *    segment of the directory path;
 *  - a ':' in the file name starts the NTFS alternate data stream ("file.txt:some.exe");
 *  - "Extension" is what follows the file name's last '.', without the dot.
 */
import type { DynamicValue } from '../values';
import { str, scalar } from './define';
import type { ScalarFunction } from './types';
import { recordOf } from '../../results/jsonData';

function parsePath(text: string): { [key: string]: DynamicValue } {
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  const scheme = schemeMatch ? schemeMatch[1]! : '';
  const path = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const root = /^[A-Za-z]:/.exec(path)?.[0] ?? '';
  const lastSeparator = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  const directoryPath = lastSeparator < 0 ? '' : path.slice(0, lastSeparator);
  let fileName = path.slice(lastSeparator + 1);
  if (lastSeparator < 0 && root !== '') {
    fileName = fileName.slice(root.length);
  }
  const colon = fileName.indexOf(':');
  const stream = colon < 0 ? '' : fileName.slice(colon + 1);
  fileName = colon < 0 ? fileName : fileName.slice(0, colon);
  const dot = fileName.lastIndexOf('.');
  const directoryName = directoryPath.slice(
    Math.max(directoryPath.lastIndexOf('\\'), directoryPath.lastIndexOf('/')) + 1,
  );
  return recordOf<DynamicValue>({
    Scheme: scheme,
    RootPath: root,
    DirectoryPath: directoryPath,
    DirectoryName: directoryName,
    Filename: fileName,
    Extension: dot < 0 ? '' : fileName.slice(dot + 1),
    AlternateDataStreamName: stream,
  });
}

export const pathFunctions: ScalarFunction[] = [
  scalar(
    'parse_path',
    ([t]) =>
      (args) =>
        parsePath(str(args[0] ?? '', t)),
  ),
];
