export { LogAnalyticsBackend, toQueryTimeInterval, type LogAnalyticsOptions } from './logAnalyticsBackend';
export { cloudEndpoints, type AzureCloudName, type CloudEndpoints } from './clouds';
export { SignInRequiredError, toBackendError } from './errorMapping';
export { renderInfoFrom, wireTable, wireColumnType } from './wireConversion';
export { isIsoDuration } from './durations';
