import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from './helpers';

const minutes = (m: number) => m * 600_000_000;
const EVENTS = (rows: string) => `let Events = datatable (Ts: timespan, Event: string) [${rows}];`;

// The examples of the Kusto reference page for scan, with their documented outputs. Kusto.Language's
// schema always ends in the match id column (match_id unless with_match_id names it).
describe('scan', () => {
  test('a cumulative sum, with and without a reset condition', () => {
    const r = run(
      'range x from 1 to 5 step 1 | scan declare (cumulative_x:long=0) with (step s1: true => cumulative_x = x + s1.cumulative_x;)',
    );
    assert.deepEqual(r.columns, ['x', 'cumulative_x', 'match_id']);
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 2)),
      [
        [1, 1],
        [2, 3],
        [3, 6],
        [4, 10],
        [5, 15],
      ],
    );
    const reset = run(`range x from 1 to 5 step 1 | extend y = 2 * x
      | scan declare (cumulative_x:long=0, cumulative_y:long=0) with (
          step s1: true => cumulative_x = iff(s1.cumulative_x >= 10, x, x + s1.cumulative_x),
                           cumulative_y = iff(s1.cumulative_y >= 10, y, y + s1.cumulative_y);)`);
    assert.deepEqual(
      reset.rows.map((row) => row.slice(0, 4)),
      [
        [1, 2, 1, 2],
        [2, 4, 3, 6],
        [3, 6, 6, 12],
        [4, 8, 10, 8],
        [5, 10, 5, 18],
      ],
    );
  });

  test('fill forward', () => {
    const r = run(`${EVENTS('0m, "A", 1m, "", 2m, "B", 3m, "", 4m, "", 6m, "C", 8m, "", 11m, "D", 12m, ""')}
      Events | sort by Ts asc
      | scan declare (Event_filled: string="") with (step s1: true => Event_filled = iff(isempty(Event), s1.Event_filled, Event);)`);
    assert.deepEqual(
      r.rows.map((row) => row[2]),
      ['A', 'A', 'B', 'B', 'B', 'C', 'C', 'D', 'D'],
    );
  });

  test('sessions tagged with with_match_id; a step with output=none ends a session without a row', () => {
    const r = run(`${EVENTS('0m, "A", 1m, "A", 2m, "B", 3m, "D", 32m, "B", 36m, "C", 38m, "D", 41m, "E", 75m, "A"')}
      Events | sort by Ts asc
      | scan with_match_id=session_id declare (sessionStart: timespan) with (
          step inSession: true => sessionStart = iff(isnull(inSession.sessionStart), Ts, inSession.sessionStart);
          step endSession output=none: Ts - inSession.sessionStart > 30m;)`);
    assert.deepEqual(r.columns, ['Ts', 'Event', 'sessionStart', 'session_id']);
    assert.deepEqual(
      r.rows.map((row) => [row[0], row[2], row[3]]),
      [
        [0, 0, 0],
        [minutes(1), 0, 0],
        [minutes(2), 0, 0],
        [minutes(3), 0, 0],
        [minutes(32), minutes(32), 1],
        [minutes(36), minutes(32), 1],
        [minutes(38), minutes(32), 1],
        [minutes(41), minutes(32), 1],
        [minutes(75), minutes(75), 2],
      ],
    );
  });

  test('events between Start and Stop within five minutes (the walkthrough)', () => {
    const r =
      run(`${EVENTS('0m, "A", 1m, "Start", 2m, "B", 3m, "D", 4m, "Stop", 6m, "C", 8m, "Start", 11m, "E", 12m, "Stop"')}
      Events | sort by Ts asc
      | scan with_match_id=m_id with (
          step s1: Event == "Start";
          step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
          step s3: Event == "Stop" and Ts - s1.Ts <= 5m;)`);
    assert.deepEqual(r.rows, [
      [minutes(1), 'Start', 0],
      [minutes(2), 'B', 0],
      [minutes(3), 'D', 0],
      [minutes(4), 'Stop', 0],
      [minutes(8), 'Start', 1],
      [minutes(11), 'E', 1],
      [minutes(12), 'Stop', 1],
    ]);
  });

  test('session length per user, scan inside partition', () => {
    const r = run(`let LogsEvents = datatable(Timestamp:datetime, userID:int, EventType:string) [
        datetime(2024-05-28 08:15:23), 1, "login", datetime(2024-05-28 08:30:15), 2, "login", datetime(2024-05-28 09:10:27), 3, "login",
        datetime(2024-05-28 12:30:45), 1, "logout", datetime(2024-05-28 11:45:32), 2, "logout", datetime(2024-05-28 13:25:19), 3, "logout"];
      LogsEvents | sort by userID, Timestamp
      | partition hint.strategy=native by userID (sort by Timestamp asc
          | scan declare (start: datetime, end: datetime, sessionDuration: timespan) with (
              step s1 output=none: EventType == "login" => start = Timestamp;
              step s2 output=all: EventType == "logout" => start = s1.start, end = Timestamp, sessionDuration = Timestamp - s1.start;))
      | project userID, sessionDuration | order by userID asc`);
    const hms = (h: number, m: number, s: number) => ((h * 60 + m) * 60 + s) * 10_000_000;
    assert.deepEqual(r.rows, [
      [1, hms(4, 15, 22)],
      [2, hms(3, 15, 17)],
      [3, hms(4, 14, 52)],
    ]);
  });

  // The reference has no example of output=last; these follow its words ("only the last record in a
  // series of repeating matches for the step") on the reference's own inputs.
  test('output=last: one step that matches every record outputs only the last, with its state', () => {
    const r = run(
      'range x from 1 to 5 step 1 | scan declare (s:long=0) with (step s1 output=last: x > 0 => s = s1.s + x;)',
    );
    assert.deepEqual(r.rows, [[5, 15, 0]]);
  });

  test('output=last: the last event of each session, output when the session ends and at the end of input', () => {
    const r = run(`${EVENTS('0m, "A", 1m, "A", 2m, "B", 3m, "D", 32m, "B", 36m, "C", 38m, "D", 41m, "E", 75m, "A"')}
      Events | sort by Ts asc
      | scan with_match_id=session_id declare (sessionStart: timespan) with (
          step inSession output=last: true => sessionStart = iff(isnull(inSession.sessionStart), Ts, inSession.sessionStart);
          step endSession output=none: Ts - inSession.sessionStart > 30m;)`);
    assert.deepEqual(r.rows, [
      [minutes(3), 'D', minutes(0), 0],
      [minutes(41), 'E', minutes(32), 1],
      [minutes(75), 'A', minutes(75), 2],
    ]);
  });

  test('output=last on a middle step: its last match comes out just before the record that moves the sequence on', () => {
    const r =
      run(`${EVENTS('0m, "A", 1m, "Start", 2m, "B", 3m, "D", 4m, "Stop", 6m, "C", 8m, "Start", 11m, "E", 12m, "Stop"')}
      Events | sort by Ts asc
      | scan with_match_id=m_id with (
          step s1: Event == "Start";
          step s2 output=last: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
          step s3: Event == "Stop" and Ts - s1.Ts <= 5m;)`);
    assert.deepEqual(r.rows, [
      [minutes(1), 'Start', 0],
      [minutes(3), 'D', 0],
      [minutes(4), 'Stop', 0],
      [minutes(8), 'Start', 1],
      [minutes(11), 'E', 1],
      [minutes(12), 'Stop', 1],
    ]);
  });
});
