/**
 * The columns of the Machines view's root query, as a Log Analytics answer types them: what the loopback
 * workspaces' fixtures answer it with (the tree reads them by name, so a fixture with other columns would
 * test another query).
 */
export const MACHINES_ANSWER_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['Machine', 'string'],
  ['Computer', 'string'],
  ['OsFamily', 'string'],
  ['Os', 'string'],
  ['Ipv4Addresses', 'dynamic'],
  ['Ipv6Addresses', 'dynamic'],
  ['ResourceId', 'string'],
  ['BytesSent', 'long'],
  ['BytesReceived', 'long'],
  ['LinksFailed', 'long'],
  ['MaliciousIps', 'dynamic'],
  ['Threats', 'dynamic'],
  ['SentRecords', 'long'],
  ['ReceivedRecords', 'long'],
];
