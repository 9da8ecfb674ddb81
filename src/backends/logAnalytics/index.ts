export { LogAnalyticsBackend, toQueryTimeInterval, type LogAnalyticsOptions } from './logAnalyticsBackend';
export { cloudEndpoints, type AzureCloudName, type CloudEndpoints } from './clouds';
export { SignInRequiredError, toBackendError } from './errorMapping';
export { renderInfoFrom, wireTable, wireColumnType } from './wireConversion';
export { isIsoDuration } from './durations';
export {
  fetchWorkspaceSchema,
  fetchMetadataDocument,
  schemaFromFallbackResult,
  SCHEMA_FALLBACK_QUERY,
  type MetadataRequest,
} from './workspaceMetadata';
export { readCachedSchema, writeCachedSchema } from './schemaCache';
export { SignInGate, type SessionSource, type SignInSession, type SignInState } from './signInGate';
