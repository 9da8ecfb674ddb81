export { type AzureCloudName, type CloudEndpoints, cloudEndpoints } from './clouds';
export { isIsoDuration } from './durations';
export { SignInRequiredError, toBackendError } from './errorMapping';
export { isUnplaced } from './errorPlace';
export { LogAnalyticsBackend, type LogAnalyticsOptions, toQueryTimeInterval } from './logAnalyticsBackend';
export { readCachedSchema, writeCachedSchema } from './schemaCache';
export { type SessionSource, SignInGate, type SignInSession, type SignInState } from './signInGate';
export { renderInfoFrom, wireColumnType, wireTable } from './wireConversion';
export {
  fetchMetadataDocument,
  fetchWorkspaceSchema,
  type MetadataRequest,
  SCHEMA_FALLBACK_QUERY,
  schemaFromFallbackResult,
} from './workspaceMetadata';
