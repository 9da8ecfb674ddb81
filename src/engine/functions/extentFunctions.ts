/**
 * What Kusto knows of a record's storage: the extent (data shard) holding it and when it was ingested.
 * The local tables are files, read into memory: no record sits in an extent and no table has an
 * IngestionTime policy, so each function gives what the reference documents for such data —
 * ingestion_time() null ("If IngestionTime policy was not enabled when the data was ingested, the
 * function returns null values"), extent_id() the empty guid ("calculated data that isn't attached to a
 * data shard returns an empty guid (all zeros)"), extent_tags() an empty array ("returns an empty value").
 */
import { scalar } from './define';
import type { ScalarFunction } from './types';

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export const extentFunctions: ScalarFunction[] = [
  scalar('ingestion_time', () => () => null),
  scalar('extent_id', () => () => EMPTY_GUID, ['extentid']),
  scalar('extent_tags', () => () => []),
];
