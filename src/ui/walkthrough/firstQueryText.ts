/**
 * The query the walkthrough's first step opens and runs (pure: a test runs it on the sample workspace).
 * It answers the question the extension is for (which machines fail to connect) and draws a chart, so a
 * new user's first Run shows both halves of the results panel.
 */
export const FIRST_QUERY = [
  '// Your first query, on the sample workspace: the machines with the most failed connections.',
  '// Shift+Enter runs the query under the cursor; the grid and the chart open beside the editor.',
  'VMConnection',
  '| summarize FailedLinks = sum(LinksFailed), Connections = count() by Computer',
  '| top 10 by FailedLinks',
  '| render columnchart',
  '',
].join('\n');

/** The line of the query's first operator line: the run starts there, past the comments. */
export const FIRST_QUERY_LINE = 2;
