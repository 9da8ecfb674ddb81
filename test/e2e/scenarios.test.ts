/**
 * Every user journey in a real VS Code: code-server with the built VSIX installed, driven by
 * headless Chromium. One server and one workbench page serve every scenario (a workbench load costs
 * 15–30 s on a 2-core machine); each scenario starts by closing what the previous one left open.
 *
 * Run with `bash test/e2e/run.sh` (it installs code-server once and builds the VSIX if it is missing).
 * Screenshots land in docs/screenshots/e2e-<n>-<name>.png.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { recordRetry, retriesAllowed, withinTime } from './attempts';
import { type CodeServer, startCodeServer } from './codeServer';
import { backendsScenario } from './scenarios/backends';
import { bigMapLabelsScenario } from './scenarios/bigMapLabels';
import { cancelAndTimeRangeScenario } from './scenarios/cancelAndTimeRange';
import { chartKindsScenario } from './scenarios/chartKinds';
import { chartTimeAxesScenario } from './scenarios/chartTimeAxes';
import { columnSelectionScenario } from './scenarios/columnSelection';
import { completionScenario } from './scenarios/completion';
import { copyCellsScenario } from './scenarios/copyCells';
import { dataFolderScenario } from './scenarios/dataFolder';
import { dataFolderAppearsScenario } from './scenarios/dataFolderAppears';
import { dependencyMapScenario } from './scenarios/dependencyMap';
import { documentationLinksScenario } from './scenarios/documentationLinks';
import { editorColumnsScenario } from './scenarios/editorColumns';
import { exactLongsScenario } from './scenarios/exactLongs';
import { exportAtScaleScenario } from './scenarios/exportAtScale';
import { failedConnectionPatternsScenario } from './scenarios/failedConnectionPatterns';
import { firstClickViewsScenario } from './scenarios/firstClickViews';
import { firstTenMinutesScenario } from './scenarios/firstTenMinutes';
import { forkNotebookScenario } from './scenarios/forkNotebook';
import { forkTablesScenario } from './scenarios/forkTables';
import { geoLookupScenario } from './scenarios/geoLookup';
import { geoQueryScenario } from './scenarios/geoQuery';
import { graphMatchScenario } from './scenarios/graphMatch';
import { gridAtScaleScenario } from './scenarios/gridAtScale';
import { gridAtScaleWideScenario } from './scenarios/gridAtScaleWide';
import { gridJourneyScenario } from './scenarios/gridJourney';
import { gridKeyboardScenario } from './scenarios/gridKeyboard';
import { chartTooltipScenario, restrictedModeScenario } from './scenarios/hardening';
import { highlightingScenario } from './scenarios/highlighting';
import { hostileExportsScenario } from './scenarios/hostileExports';
import { hostileFolderScenario } from './scenarios/hostileFolder';
import { hostileGridScenario } from './scenarios/hostileGrid';
import { hostileQueriesScenario } from './scenarios/hostileQueries';
import { ipLookupScenario } from './scenarios/ipLookup';
import { ipv6FleetScenario } from './scenarios/ipv6Fleet';
import { largeMessyFileScenario } from './scenarios/largeMessyFile';
import { limitsAndDyingEngineScenario } from './scenarios/limitsAndDyingEngine';
import { logAnalyticsErrorsScenario } from './scenarios/logAnalyticsErrors';
import { logAnalyticsOwnDataScenario } from './scenarios/logAnalyticsOwnData';
import { logAnalyticsSchemaPendingScenario } from './scenarios/logAnalyticsSchemaPending';
import { logAnalyticsThrottlingScenario } from './scenarios/logAnalyticsThrottling';
import { logAnalyticsTreeScenario } from './scenarios/logAnalyticsTree';
import { logAnalyticsUnreachableScenario } from './scenarios/logAnalyticsUnreachable';
import { logAnalyticsWorkspaceScenario } from './scenarios/logAnalyticsWorkspace';
import { machinesScenario } from './scenarios/machines';
import { mapDiffScenario, mapExpandScenario, mapFocusScenario } from './scenarios/mapJourneys';
import { narrowMapLabelsScenario } from './scenarios/narrowMapLabels';
import { noProcessTableScenario } from './scenarios/noProcessTable';
import { notebookBackendSwitchScenario } from './scenarios/notebookBackendSwitch';
import { notebookLogAnalyticsScenario } from './scenarios/notebookLogAnalytics';
import { bigNotebookScenario, reportNotebookScenario } from './scenarios/notebooks';
import { oddAddressTreeScenario } from './scenarios/oddAddressTree';
import { otherViewsScenario } from './scenarios/otherViews';
import { ownExportsScenario } from './scenarios/ownExports';
import { ownFleetScenario } from './scenarios/ownFleet';
import { ownNotebookScenario } from './scenarios/ownNotebook';
import { ownSchemaEditorScenario } from './scenarios/ownSchemaEditor';
import { panelsChartScenario } from './scenarios/panelsChart';
import { pickMachinesFleetScenario } from './scenarios/pickMachinesFleet';
import { pieLegendScenario } from './scenarios/pieLegend';
import { productionWorkspaceScenario } from './scenarios/productionWorkspace';
import { qaWalkQueriesScenario } from './scenarios/qaWalkQueries';
import { qaWalkSchemaScenario } from './scenarios/qaWalkSchema';
import { queryParameterPromptScenario } from './scenarios/queryParameterPrompt';
import { queryParametersNotebookScenario } from './scenarios/queryParameters';
import { queryParameterTypesScenario } from './scenarios/queryParameterTypes';
import { recordLimitScenario } from './scenarios/recordLimit';
import { reportsOnOwnExportsScenario } from './scenarios/reportsOnOwnExports';
import { resultsScenario } from './scenarios/results';
import { runAllAndStatusScenario } from './scenarios/runAllAndStatus';
import { schemaPendingScenario } from './scenarios/schemaPending';
import { screenKeyboardScenario, screenWidthsScenario } from './scenarios/screenAccess';
import { settingsWalkScenario } from './scenarios/settingsWalk';
import { syntaxErrorScenario } from './scenarios/syntaxError';
import { themesScenario } from './scenarios/themes';
import { timeoutDetailScenario } from './scenarios/timeoutDetail';
import { wideResultsScenario } from './scenarios/wideResults';
import { zoomAndContrastScenario } from './scenarios/zoomAndContrast';
import { claimScenario } from './shards';
import { launchChromium, Workbench } from './workbench';

const repo = path.resolve(__dirname, '../..');
const SCENARIO_TIMEOUT_MS = 150_000;

/** A throwaway workspace folder: our scenario files plus the examples users open first. */
function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-workspace-'));
  fs.cpSync(path.join(__dirname, 'workspace'), dir, { recursive: true });
  const examples = path.join(repo, 'examples/vm-insights.kql');
  if (fs.existsSync(examples)) {
    fs.copyFileSync(examples, path.join(dir, 'vm-insights.kql'));
  }
  return dir;
}

describe('Connection Analytics in a real VS Code (code-server)', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  let workspace = '';
  let failed = false;

  before(async () => {
    const codeServerDir = process.env.CODE_SERVER_DIR;
    if (!codeServerDir) {
      throw new Error('CODE_SERVER_DIR is not set; run the scenarios with bash test/e2e/run.sh');
    }
    workspace = makeWorkspace();
    server = await startCodeServer({
      codeServerDir,
      vsix: process.env.KQL_VSIX ?? path.join(repo, 'dist-vsix/connection-analytics.vsix'),
      workspace,
      pidFile: process.env.KQL_E2E_PIDFILE,
      // No Microsoft account here: a fake sign-in stands in for the built-in one (same provider id).
      extraExtensions: [path.join(__dirname, 'fixtures/fake-microsoft-auth')],
    });
    browser = await launchChromium();
    workbench = await Workbench.open(browser, server.url);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (failed || process.env.KQL_E2E_KEEP === '1') {
      console.log(`# kept for inspection: server log ${server?.logFile}, user data ${server?.userDataDir}`);
    } else {
      fs.rmSync(workspace, { recursive: true, force: true });
      if (server) {
        fs.rmSync(path.dirname(server.logFile), { recursive: true, force: true });
      }
    }
  });

  // KQL_E2E_ONLY=2,3 runs just those scenarios (while working on them).
  const only = process.env.KQL_E2E_ONLY?.split(',').map((n) => n.trim());
  const scenario = (
    name: string,
    body: (wb: Workbench, workspace: string, server: CodeServer) => Promise<void>,
    timeout = SCENARIO_TIMEOUT_MS,
  ): void => {
    const skip = only && !only.includes(name.split(' ')[0]!) ? 'not in KQL_E2E_ONLY' : false;
    const retries = retriesAllowed();
    // Each attempt has the scenario's time; the test has room for every attempt and a workbench reopened.
    test(name, { timeout: (timeout + 90_000) * (retries + 1), skip }, async (t) => {
      const n = name.split(' ')[0]!;
      if (!claimScenario(n)) {
        t.skip('another shard runs it');
        return;
      }
      const trace = process.env.KQL_E2E_TRACE;
      for (let attempt = 1; ; attempt++) {
        if (!workbench || !server) {
          throw new Error('the workbench did not open');
        }
        const wb = workbench;
        const at = server;
        if (trace) await wb.context.tracing.startChunk();
        try {
          await withinTime(timeout, `scenario ${n}`, async () => {
            const started = Date.now();
            await wb.reset();
            const resetMs = Date.now() - started;
            // KQL_E2E_FAIL_FIRST=n fails scenario n's first attempt: the retry path's own check.
            if (attempt === 1 && process.env.KQL_E2E_FAIL_FIRST === n) {
              throw new Error(`KQL_E2E_FAIL_FIRST=${n}: the first attempt fails on purpose`);
            }
            await body(wb, workspace, at);
            console.log(`# ${n}: reset ${resetMs} ms, scenario ${Date.now() - started - resetMs} ms`);
          });
          return;
        } catch (e) {
          failed = true;
          await wb.page
            .screenshot({
              path: path.join(os.tmpdir(), `kql-e2e-failed-${name.replace(/\W+/g, '-')}-attempt-${attempt}.png`),
            })
            .catch(() => undefined);
          if (attempt > retries) {
            throw e;
          }
          recordRetry(n, attempt, e);
          // A fresh workbench: closing the old context ends whatever the failed attempt still waits for.
          await wb.close().catch(() => undefined);
          workbench = await Workbench.open(browser!, at.url);
        } finally {
          if (trace) await wb.context.tracing.stopChunk({ path: `${trace}/main-${n}.zip` });
        }
      }
    });
  };

  scenario('1 a .kql file of seed queries opens with KQL token colours', highlightingScenario);
  scenario('2 completion offers columns (also after summarize) and a misspelt column is a Problem', completionScenario);
  scenario(
    '3 CodeLens runs a seed query: the grid matches the kql CLI, a timechart draws, Run all lists every result',
    resultsScenario,
  );
  scenario('4 the Machines view lists machines, processes and ports; a context action runs a query', machinesScenario);
  scenario('5 a syntax error shows in the panel at its line:column and nothing crashes', syntaxErrorScenario);
  scenario('50 a chart column named image shows a text tooltip, no picture from data', chartTooltipScenario);
  scenario(
    '60 a geo query in a .kql file unites buffers of endpoint locations; the panel shows the shape',
    geoQueryScenario,
  );
  scenario(
    '51 an untrusted folder whose settings point elsewhere runs on the local sample in Restricted Mode',
    restrictedModeScenario,
    300_000,
  );
  scenario('40 the dependency map draws the fleet collapsed and legible; Enter expands a node', dependencyMapScenario);
  scenario("41 the map focuses on one machine and its neighbours; + hop adds a neighbour's", mapFocusScenario);
  scenario("42 the map expands a group of external endpoints and a machine's processes", mapExpandScenario);
  scenario("43 the map compares yesterday with today in the legend's colours and exports the changes", mapDiffScenario);
  scenario('10 the grid: a filter paints only its matches, sort, export the rows shown', gridJourneyScenario);
  scenario(
    '11 Run all past an error lists every outcome; the status bar says a run failed; a quoted value is not doubled',
    runAllAndStatusScenario,
  );
  scenario('12 machine actions reuse one query column and results panel', editorColumnsScenario);
  scenario('13 a ysplit=panels timechart fits its panel undistorted', panelsChartScenario);
  scenario(
    '20 a folder of own exports: Schema view lists extra and partial tables; a broken file is fixed on disk and loads',
    dataFolderScenario,
    300_000,
  );
  scenario(
    '14 a long query is cancelled from its notification, the next one runs; the time range picker narrows a count',
    cancelAndTimeRangeScenario,
  );
  scenario('15 Ctrl+C and the context menu copy a cell and a row of the grid', copyCellsScenario);
  scenario('16 every chart kind draws the marks of its kind', chartKindsScenario, 240_000);
  scenario('17 Log Analytics with no workspace offers to set it; back to the local engine', backendsScenario);
  scenario(
    '19 Log Analytics at an unreachable endpoint: the panel names the host, nothing hangs; back to the local engine',
    logAnalyticsUnreachableScenario,
  );
  scenario(
    '18 the grid and a chart are readable in light, both high-contrast and dark themes; selection and focus show',
    themesScenario,
    300_000,
  );
  scenario(
    '30 a report opens as a notebook, Run All charts it, Pick Machines narrows it, it saves and reopens with outputs',
    reportNotebookScenario,
    300_000,
  );
  scenario('31 a notebook cell of 100,000 rows renders inline and scrolls to the end', bigNotebookScenario, 300_000);
  scenario(
    "61 a .kql file classifies VMConnection's remote endpoints into regions with geo_polygon_lookup",
    geoLookupScenario,
  );
  scenario(
    "62 a folder of a user's own exports: machines, completion, a Run on each table, the broken CSV's lines as Problems, a missing column named with its file",
    ownExportsScenario,
    300_000,
  );
  scenario(
    "63 a data folder with no process table: the Processes branch and the map's compare say what is missing",
    noProcessTableScenario,
    300_000,
  );
  scenario(
    '64 a grid of 450,000 rows: the middle and the end by scrollbar, wheel and keys paint the right rows; sort, exact longs, the row limit named',
    gridAtScaleScenario,
    300_000,
  );
  scenario(
    '65 the time, memory, row and size limits name their settings while the editor stays responsive; a killed engine is replaced',
    limitsAndDyingEngineScenario,
    420_000,
  );
  scenario(
    '70 a fork with two named legs over VMConnection shows both tables in the results panel; switching shows the second',
    forkTablesScenario,
  );
  scenario(
    "69 a .kql file matches VMConnection's remote IPs to a datatable of subnets with ipv4_lookup",
    ipLookupScenario,
  );
  scenario(
    '71 a .kql file finds machines that reach the same remote endpoints with make-graph and a two-hop graph-match',
    graphMatchScenario,
  );
  scenario(
    '66 a .kql file finds what failed connections have in common with evaluate autocluster; the panel shows the segments',
    failedConnectionPatternsScenario,
  );
  scenario(
    '67 Log Analytics throttles: the wait is shown, exact values arrive after it, an hour-long wait says when to retry, Cancel stops a wait',
    logAnalyticsThrottlingScenario,
    300_000,
  );
  scenario(
    "68 a big Log Analytics workspace: signed out a run says how to sign in; the user's own columns complete and are checked",
    logAnalyticsWorkspaceScenario,
    300_000,
  );
  scenario(
    '72 Log Analytics answers 401, 403, a 500 HTML page and broken JSON: each message says what happened and what to do; the next query runs',
    logAnalyticsErrorsScenario,
    300_000,
  );
  scenario(
    '73 a notebook declares query_parameters with defaults in its first cell; Run All filters machines with them in a later cell',
    queryParametersNotebookScenario,
  );
  scenario(
    "74 a notebook cell runs a fork of two named legs over VMConnection: both tables show under their names with the CLI's rows",
    forkNotebookScenario,
  );
  scenario(
    '75 a query declares a parameter without a default: Run asks for it, refuses a bad value with the reason, runs with a good one',
    queryParameterPromptScenario,
  );
  scenario(
    "76 a folder of odd exports (Excel's UTF-16 CSV, ragged rows, a cut-off gzip): the extra tables in the Schema view, their queries answered, each skipped line a Problem",
    hostileExportsScenario,
    300_000,
  );
  scenario(
    '77 with the language server running, a datetime and a timespan parameter: a wrong value of each shows why, right ones run, a notebook asks alike; the server read them',
    queryParameterTypesScenario,
  );
  scenario(
    "80 a user's own Log Analytics workspace: a spaced custom column completes, a long above 2^53 and a dynamic value show exactly, a missing VMBoundPort is named by the query and by the report",
    logAnalyticsOwnDataScenario,
    300_000,
  );
  scenario(
    '78 by keyboard and screen reader: awkward values show as text, Tab reaches the grid, arrows/Home/End/PageDown/the header sort/Enter/export menu/chart tab work, the tree names the grid, cell and a live status; High Contrast reads',
    screenKeyboardScenario,
    300_000,
  );
  scenario(
    '79 the results panel 320 px wide and at 150 % zoom in High Contrast Light: no toolbar control overlaps or runs off, the cut status has a tooltip',
    screenWidthsScenario,
  );
  scenario(
    '81 results far wider than the panel: 200 string columns × 1,000 rows and 1,000 columns show every column in the results panel, and 200 × 1,000 in a notebook output',
    wideResultsScenario,
    300_000,
  );
  scenario(
    "82 the extension's details page shows its README, whose links into docs/ lead nowhere there (code-server: a tab on a 404); Open Documentation shows the shipped pages in the Markdown preview and follows their links",
    documentationLinksScenario,
  );
  scenario(
    "83 a folder of own exports with 2,000 machines, hostile names and no BytesSent: the Machines view filters to a unicode name, the map opens on the fleet and on it, a report's part says which column it lacks",
    ownFleetScenario,
    600_000,
  );
  scenario(
    '86 the Machines view on a Log Analytics workspace with VMConnection only, slow, then denied: Cancel in a progress notification stops the slow load, a 403 says to ask for the Reader role, Bound ports and Processes name the tables it lacks',
    logAnalyticsTreeScenario,
    300_000,
  );
  scenario(
    '89 a changed .kql file in a git repository: Open Changes shows the diff, Problems lists the file once, for the working copy only; Expand value shows a bidi override as [U+202E]',
    otherViewsScenario,
    300_000,
  );
  scenario(
    '85 a large messy .kql file (2,000 queries, CRLF, tabs, unicode): a half query typed at its end completes, its squiggle sits on the misspelt name, the query under the cursor runs',
    largeMessyFileScenario,
    900_000,
  );
  scenario(
    "84 a hand-made notebook on a folder of own exports: hostile saved outputs show as text, Run All reads the own table with an earlier cell's let, Stop ends a never-ending cell and the notebook stays editable, a broken cell's error at line:column, save and reopen keep outputs, invalid JSON says why",
    ownNotebookScenario,
    420_000,
  );
  scenario(
    '87 longs past 2^53 (851673153924341805 and -9223372036854775808) in the results panel: the grid shows every digit, a sort orders two that share a double exactly, Export CSV writes them all',
    exactLongsScenario,
  );
  scenario(
    '90 Pick Machines… in a report on a folder of 2,000 machines: it shows at once while the machines load, typing filters, three machines (a quote, an emoji, Hebrew) are ticked and come first when reopened, the cell says "3 machines", Run All ranks exactly those three',
    pickMachinesFleetScenario,
    420_000,
  );
  scenario(
    '92 a user exports all of a million-row result as CSV: Cancel in the progress notification leaves no file; then to the end, the file has a million records, the byte order mark Excel needs and the hostile cell as it was',
    exportAtScaleScenario,
    600_000,
  );
  scenario(
    '91 settings as a user changes them: a negative row limit written in settings.json gives one clear warning and queries still answer; the data folder changed in the Settings editor reloads the Machines view from the new folder without a reload of the window',
    settingsWalkScenario,
    300_000,
  );
  scenario(
    "88 a notebook on the user's Log Analytics workspace: a throttled cell says it waits, a PartialError shows its rows and reason, Stop aborts a slow cell's request at the server, a missing own table is at its line:column; in an untrusted folder the saved outputs show, Run All asks for trust, and the exported query runs locally",
    notebookLogAnalyticsScenario,
    480_000,
  );
  scenario(
    "93 a new user: the Welcome page's walkthrough runs a first query on the sample and marks its step done; a folder without VM insights tables gives the Machines view its welcome, whose button brings the sample back",
    firstTenMinutesScenario,
    300_000,
  );
  scenario(
    '97 multi-row work by keyboard on a folder of 2,000 machines: Shift+click selects three rows and Ctrl+C copies them as TSV under a header; Ctrl+A then Ctrl+C copies 100,000 rows; in the Machines view typing reaches a machine, ArrowRight expands it and its processes, Shift+F10 runs Copy Resource Id and the focus comes back to the row',
    gridKeyboardScenario,
    600_000,
  );
  scenario(
    "94 VS Code starts before the export job has run: the Machines view says the data folder does not exist yet; the folder is created with two export files and the view fills and a Run answers without a reload; a third table's file appears and completes in the editor",
    dataFolderAppearsScenario,
    300_000,
  );
  scenario(
    '96 a .kql file of hostile one-liners: Run on each shows its message naming the limit and the place (10,000 nested parentheses, deep JSON, a trillion rows, a cross join) or the right answer (catastrophic regex, longs near 2^63, a megabyte on one line); completion answers while a slow one runs; the next query answers',
    hostileQueriesScenario,
    420_000,
  );
  scenario(
    '95 a data folder holding a named pipe, a gzip bomb and a good file: the Problems panel names the two bad files with why, the good table answers, the editor stays responsive',
    hostileFolderScenario,
    300_000,
  );
  scenario(
    '100 records past kql.local.recordLimitMB (1 MB here): a 3 MB JSON Lines line and a 2 MB CSV record are left out and the records after them answer; the Problems panel shows each at its file and line with the limit and its setting, and a JSON document holding a 2 MB string as not loaded',
    recordLimitScenario,
    300_000,
  );
  scenario(
    "98 a notebook as the user switches backend: a cell runs on the local engine, the next on Log Analytics after Select Query Backend, each status bar names its backend (also after save and reopen); a cell stopped at the server's time limit says what the results panel says",
    notebookBackendSwitchScenario,
    420_000,
  );
  scenario(
    "99 the results panel on the user's screen: dragged to 150 px under the editor, 300 px wide, at zoom level 2 and 3 its status line, tabs and toolbar are inside it, the grid shows its header over its columns and its last row, the chart fits; High Contrast Light's grid, selection and chart read 4.5:1 (text) and 3:1 (marks); Light Modern's orange series is drawn dark enough for 3:1",
    zoomAndContrastScenario,
    300_000,
  );
  scenario(
    "102 every report and the seed queries on the user's own exports (portal CSV with [UTC] headers, a JSON Lines export tree without two columns, a header-only table, an extra table, a broken file): Run All ends and each part answers or names the table or column it needs; saved and reopened; a failed cell keeps the backend that ran it",
    reportsOnOwnExportsScenario,
    1_200_000,
  );
  scenario(
    "101 a user's production-sized Log Analytics workspace (400 tables, 10,000 machines): the Schema view inserts ['http.status'] and ['title'] as the query needs them; a partial 30,000-row answer shows its rows and reason and exports every row; a 40 s query is cancelled at the server; the Machines view lists the 10,000 machines and the map draws the fleet",
    productionWorkspaceScenario,
    480_000,
  );
  scenario(
    "103 the editor on a user's own schema file (400 tables, odd column names) and a 5,000-line CRLF file: in its middle ['Re completes to ['Request Id'] once, a misspelt column after an emoji is a Problem at its column, F12 on a let's name goes to the let; a UTF-16 file rewritten on disk moves its Problem",
    ownSchemaEditorScenario,
    900_000,
  );
  scenario(
    "106 the Machines view and the map on a user's exports with IPv6-only machines and a VMConnection without ProcessName: each machine shows its IPv6 address, a peer's Outbound dependencies name it, the map draws the three machines; found by the map's search, O on the unnamed process opens its machine's connections, which run",
    ipv6FleetScenario,
    300_000,
  );
  scenario(
    '105 the first click on a Machines row expands it and on a Reports row opens it, in a window opened on the Explorer where a settings edit changed the time range before the Connection Analytics container was first shown',
    firstClickViewsScenario,
    300_000,
  );
  scenario(
    '107 the dependency map pushed into a narrow column by a query opened beside it still draws its node labels, legible on screen; maximized again, every label as before',
    narrowMapLabelsScenario,
    300_000,
  );
  scenario(
    "108 the Machines view on a user's exports with addresses spelt every way (IPv6 in two spellings, IPv4-mapped, a zone id, garbage, 500 characters, case-only namesakes): one readable name and one row per address, resolved to its machine; the tooltip names the export's spellings; Filter Machines… finds fd00::2 exported as fd00:0::2; the map's endpoint query finds both spellings' links",
    oddAddressTreeScenario,
    300_000,
  );
  scenario(
    "112 the results panel on a user's hostile export: markup in column names and values, controls, bidi and a zero-width space show as text, a long past 2^53 and 100-ns datetimes exactly, a null unlike an empty string; a 100,000-character and a deeply nested value expand at once; Ctrl+Space selects a column and Ctrl+C copies it; a piechart it cannot draw says why above the grid; a timechart over nulls draws",
    hostileGridScenario,
    300_000,
  );
  scenario(
    '113 results far from the sample: 120 columns scrolled far right keep their header over their columns; 200,000 rows to the end, sorted and resized paint consecutive rows, a growing real column uncut; a null reads in High Contrast',
    gridAtScaleWideScenario,
    300_000,
  );
  scenario(
    "109 a Run past the time limit the user's workspace settings give (1 s) while a big export loads: the panel says it timed out, names kql.local.timeoutSeconds, says it was still loading VMConnection (files, rows, MB) and what to change; the notification says the same; the panel's button opens the setting",
    timeoutDetailScenario,
    480_000,
  );
  scenario(
    "110 a user's Log Analytics workspace of 600 tables, two of them broken in its metadata: the Schema view shows the others and counts the two, its filter finds ['my col']; odd and unicode columns complete bracketed; a failed metadata read is said in the view and a click reads it again; a workspace id that names no workspace is named with its setting",
    qaWalkSchemaScenario,
    420_000,
  );
  scenario(
    "111 a user's Log Analytics queries: a 500 with a JSON error gives the service's words; a partial answer shows its rows and reason; a server that never answers is stopped at the time limit, which names its setting; 500,000 rows keep the extension host responsive and the row limit names its setting",
    qaWalkQueriesScenario,
    420_000,
  );
  scenario(
    '115 in a browser in UTC+05:30, a timechart over 6 hours and one over 3 days label their time axis in 24-hour UTC (the date at midnight, HH:mm between), in the dark and the light theme',
    chartTimeAxesScenario,
    300_000,
  );
  scenario(
    "114 a .kql file naming a user's own table, opened before the folder's schema reached the language server: from the first paint the status bar never counts it and no squiggle is drawn under it; the table no export has gets its error, in Problems",
    schemaPendingScenario,
    300_000,
  );
  scenario(
    '116 a column of 3,000 rows selected by a click on its header, drawn selected in the dark, light and high-contrast themes and in rows scrolled to; sorted by its button it stays selected; Ctrl+C copies its name and every value in the sort order, nulls empty; Escape clears, Space on the header selects; a re-run that moves it keeps it selected',
    columnSelectionScenario,
    300_000,
  );
  scenario(
    '117 a pie of 120 slices (markup, right-to-left and 2,000-character names among them): 19 legend entries and a grey "Other (101 slices)" whose tooltip names each of the 101, in the dark, light and high-contrast themes; no "…n entries" line',
    pieLegendScenario,
    300_000,
  );
  scenario(
    '118 a 200-machine dependency map zoomed far out still names its most important machines: at least 10 labels, legible, none on top of another, the searched machine among them',
    bigMapLabelsScenario,
    300_000,
  );
  scenario(
    "119 a Log Analytics workspace whose sign-in takes 12 s and whose schema answer is slow: its own table is never called unknown while it loads, a syntax error shows at once, and once loaded its columns complete; a refresh that fails: the Schema view says so and the unknown table's error shows only then",
    logAnalyticsSchemaPendingScenario,
    300_000,
  );
});
