/**
 * A user's own workspace as a `kql.schemaFile` (400 custom tables × 50 columns, and `Odd_CL`, whose
 * columns an ingestion named freely: spaces, dots, a leading digit, non-ASCII, an emoji, a quote, KQL
 * keywords), and a 5,000-line `.kql` file of 800 queries written against it: `let`s, `declare
 * query_parameters`, a stored function, `//` inside strings, emoji in strings, and a query half typed
 * at the end (an unclosed string, an unclosed bracket, a trailing pipe). Used by e2e scenario 103.
 */
const TYPES = ['string', 'long', 'real', 'datetime', 'bool', 'dynamic', 'int'];

export const ODD_TABLE = 'Odd_CL';
export const ODD_COLUMNS: readonly { name: string; type: string }[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Computer', type: 'string' },
  { name: 'Request Id', type: 'string' },
  { name: 'http.status', type: 'int' },
  { name: '1stSeen', type: 'datetime' },
  { name: 'Größe', type: 'real' },
  { name: '名前', type: 'string' },
  { name: 'where', type: 'string' },
  { name: 'project', type: 'long' },
  { name: 'Port 🚀', type: 'int' },
  { name: "it's", type: 'string' },
  { name: 'Retries', type: 'int' },
];

/** The metadata API's shape, as `kql.schemaFile` reads it. */
export function ownSchema(tables = 400, columns = 50): unknown {
  const out: unknown[] = [];
  for (let i = 0; i < tables; i++) {
    const cols = [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
    ];
    for (let j = 2; j < columns; j++) cols.push({ name: `Col${j}_${TYPES[j % 7]}`, type: TYPES[j % 7]! });
    out.push({ name: customTable(i), columns: cols });
  }
  out.push({ name: ODD_TABLE, columns: ODD_COLUMNS });
  out.push({
    name: 'VMConnection',
    columns: [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
      { name: 'DestinationPort', type: 'int' },
      { name: 'BytesSent', type: 'long' },
    ],
  });
  return {
    tables: out,
    functions: [{ name: 'TopTalkers', parameters: '(n:int)', body: 'VMConnection | top n by BytesSent' }],
  };
}

export function customTable(i: number): string {
  return `Custom${String(i % 400).padStart(3, '0')}_CL`;
}

/** The queries, one kind after another: query `i` is of kind `i % 5`. */
const KINDS = [
  (i: number) =>
    `// q${i}: odd names, a // in a string\n${ODD_TABLE}\n| where ['Request Id'] has "http://x/${i}" and ['http.status'] > 400\n| where ['where'] != "a // b" and ['project'] > 0\n| project ['1stSeen'], ['Größe'], ['名前'], ['Port 🚀'], ["it's"]\n| order by ['1stSeen'] desc\n| take ${i}`,
  (i: number) =>
    `let since${i} = ago(${(i % 24) + 1}h);\nlet host = "h-${i}";\n${customTable(i)}\n| where TimeGenerated > since${i} and Computer == host\n| summarize count() by bin(TimeGenerated, 1h)\n| render timechart`,
  (i: number) =>
    `// port ${i}\ndeclare query_parameters(port:int = ${i});\nVMConnection\n| where DestinationPort == port\n| summarize sum(BytesSent) by Computer`,
  (i: number) =>
    `TopTalkers(${(i % 10) + 1})\n| extend note = "emoji 😀 ${i} // not a comment"\n| where note !has "x"\n| project Computer, note`,
  (i: number) =>
    `${customTable(i * 7)} // trailing\n| where Col3_datetime > ago(1d)\n| extend x = strcat(Computer, "/", Col2_real)\n| take 10`,
];

/** The half-written query the file ends with. */
export const HALF_TYPED = `${ODD_TABLE}\n| where ["Request Id"] == "unclosed\n| summarize count() by (Computer\n| `;

/** The file, with LF line ends (a caller converts). */
export function ownQueriesFile(queries = 800): string {
  const q: string[] = [];
  for (let i = 0; i < queries; i++) q.push(KINDS[i % KINDS.length]!(i));
  return `${q.join('\n\n')}\n\n${HALF_TYPED}`;
}
