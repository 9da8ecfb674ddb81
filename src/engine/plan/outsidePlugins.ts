/**
 * The `evaluate` plugins that reach outside the query's data: a web or database service, a model, a
 * sandboxed language runtime, the cluster's own commands and metadata, or storage. The local engine
 * has none of these, and faking them would give answers Kusto would not, so they are refused on
 * purpose with the reason; the same query runs as it is on Log Analytics.
 */
const OUTSIDE: Readonly<Record<string, string>> = {
  http_request: 'it calls a web service',
  http_request_post: 'it calls a web service',
  sql_request: 'it queries an SQL Server database',
  mysql_request: 'it queries a MySQL database',
  postgresql_request: 'it queries a PostgreSQL database',
  cosmosdb_sql_request: 'it queries Azure Cosmos DB',
  azure_digital_twins_query_request: 'it queries Azure Digital Twins',
  dax_request: 'it queries a Power BI semantic model',
  ai_embed_text: 'it calls an Azure OpenAI model',
  ai_embeddings: 'it calls an Azure OpenAI model',
  ai_chat_completion: 'it calls an Azure OpenAI model',
  ai_chat_completion_prompt: 'it calls an Azure OpenAI model',
  python: "it runs Python in Kusto's sandbox",
  r: "it runs R in Kusto's sandbox",
  csharp: "it runs C# in Kusto's sandbox",
  execute_query: 'it runs a query on a cluster',
  execute_show_command: 'it runs a management command on a cluster',
  estimate_rows_count: "it reads the cluster's extent statistics",
  external_datatable: 'it reads files from external storage',
  infer_storage_schema: 'it reads files from external storage',
  infer_storage_schema_with_suggestions: 'it reads files from external storage',
  identity: "it reads the caller's identity from the service",
  identity_v3: "it reads the caller's identity from the service",
};

/** Why the plugin is refused on purpose, or undefined when it only reads the query's data. */
export function outsideReason(plugin: string): string | undefined {
  return Object.hasOwn(OUTSIDE, plugin) ? OUTSIDE[plugin] : undefined;
}
