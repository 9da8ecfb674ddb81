/**
 * A Parquet file's columns and their KQL types, read from its footer alone (the rows are not touched):
 * the scan of a data folder stays as cheap for Parquet as for the other formats.
 *
 * Types follow the file's logical type first, then its physical type: timestamps and dates are
 * datetimes, TIME is a timespan, 8–32-bit integers are ints, 64-bit ones longs, FLOAT/DOUBLE reals,
 * DECIMAL decimals, UUID guids, JSON and nested groups (lists, maps, structs) dynamic, text strings.
 */
import * as fs from 'node:fs';
import { type FileMetaData, parquetMetadata, parquetSchema, type SchemaElement, type SchemaTree } from 'hyparquet';
import type { KqlType } from '../../engine/values';
import { DataFileError } from './dataFileError';
import { openRegular } from './regularFile';

/** How a column's values come out of hyparquet, so the loader can turn them into the engine's form. */
export type ParquetValueKind = 'ticks' | 'timeOfDay' | 'plain';

export interface ParquetColumn {
  readonly name: string;
  readonly type: KqlType;
  readonly kind: ParquetValueKind;
  /** TIME's unit, to bring time-of-day values to ticks. */
  readonly timeUnit?: 'MILLIS' | 'MICROS' | 'NANOS';
}

function leafType(e: SchemaElement): Omit<ParquetColumn, 'name'> {
  const logical = e.logical_type;
  switch (logical?.type) {
    case 'TIMESTAMP':
    case 'DATE':
      return { type: 'datetime', kind: 'ticks' };
    case 'TIME':
      return { type: 'timespan', kind: 'timeOfDay', timeUnit: logical.unit };
    case 'INTEGER':
      return {
        type: logical.bitWidth <= 32 && (logical.isSigned || logical.bitWidth < 32) ? 'int' : 'long',
        kind: 'plain',
      };
    case 'DECIMAL':
      return { type: 'decimal', kind: 'plain' };
    case 'UUID':
      return { type: 'guid', kind: 'plain' };
    case 'JSON':
    case 'BSON':
    case 'VARIANT':
      return { type: 'dynamic', kind: 'plain' };
    case 'FLOAT16':
      return { type: 'real', kind: 'plain' };
    case 'STRING':
    case 'ENUM':
      return { type: 'string', kind: 'plain' };
    default:
      break;
  }
  switch (e.converted_type) {
    case 'TIMESTAMP_MILLIS':
    case 'TIMESTAMP_MICROS':
    case 'DATE':
      return { type: 'datetime', kind: 'ticks' };
    case 'TIME_MILLIS':
      return { type: 'timespan', kind: 'timeOfDay', timeUnit: 'MILLIS' };
    case 'TIME_MICROS':
      return { type: 'timespan', kind: 'timeOfDay', timeUnit: 'MICROS' };
    case 'DECIMAL':
      return { type: 'decimal', kind: 'plain' };
    case 'JSON':
    case 'BSON':
      return { type: 'dynamic', kind: 'plain' };
    case 'UTF8':
    case 'ENUM':
      return { type: 'string', kind: 'plain' };
    case 'INT_8':
    case 'INT_16':
    case 'INT_32':
    case 'UINT_8':
    case 'UINT_16':
      return { type: 'int', kind: 'plain' };
    case 'INT_64':
    case 'UINT_32':
    case 'UINT_64':
      return { type: 'long', kind: 'plain' };
    default:
      break;
  }
  switch (e.type) {
    case 'BOOLEAN':
      return { type: 'bool', kind: 'plain' };
    case 'INT32':
      return { type: 'int', kind: 'plain' };
    case 'INT64':
      return { type: 'long', kind: 'plain' };
    case 'INT96':
      return { type: 'datetime', kind: 'ticks' };
    case 'FLOAT':
    case 'DOUBLE':
      return { type: 'real', kind: 'plain' };
    default:
      return { type: 'string', kind: 'plain' };
  }
}

/** The file's top-level columns (a nested group is one dynamic column). */
export function parquetColumns(metadata: FileMetaData): ParquetColumn[] {
  const tree: SchemaTree = parquetSchema(metadata);
  return tree.children.map((child) => {
    const name = child.element.name;
    return child.children.length > 0
      ? { name, type: 'dynamic' as const, kind: 'plain' as const }
      : { name, ...leafType(child.element) };
  });
}

/** Reads only the footer: the last 8 bytes give the metadata's length, then the metadata itself. */
export function parquetFooter(file: string): FileMetaData {
  const fd = openRegular(file);
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 12) {
      throw new DataFileError(file, 1, 1, 'not a Parquet file (too short)');
    }
    const tail = Buffer.alloc(8);
    fs.readSync(fd, tail, 0, 8, size - 8);
    if (tail.toString('latin1', 4, 8) !== 'PAR1') {
      throw new DataFileError(file, 1, 1, 'not a Parquet file (no PAR1 at its end)');
    }
    const length = tail.readUInt32LE(0);
    if (length + 8 > size - 4) {
      throw new DataFileError(file, 1, 1, `its footer says ${length} bytes of metadata, more than the file holds`);
    }
    const footer = Buffer.alloc(length + 8);
    fs.readSync(fd, footer, 0, length + 8, size - length - 8);
    try {
      return parquetMetadata(footer);
    } catch (e) {
      throw new DataFileError(file, 1, 1, `cannot read its metadata: ${(e as Error).message}`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Columns and their types from the footer of a Parquet file (`.gz` Parquet files are refused: Parquet compresses inside). */
export function parquetHead(file: string): { columns: ParquetColumn[] } {
  if (/\.gz$/i.test(file)) {
    throw new DataFileError(
      file,
      1,
      1,
      'gzip-compressed Parquet is not read: Parquet files compress their row groups themselves',
    );
  }
  return { columns: parquetColumns(parquetFooter(file)) };
}
