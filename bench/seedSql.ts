/**
 * Hand-written DuckDB SQL equivalent to each seed query that reads VMConnection (over the sample
 * workspace pinned at 2026-11-23T12:00:00Z): shared by the engine benchmark and the load benchmark's
 * end-to-end part.
 */
const SINCE = "TIMESTAMP '2026-11-22 12:00:00'";
const PICKED = "('acme-demo', 'admdemo-appsvr')";

/** Hand-written DuckDB SQL equivalent to each sample query. */
export const SQL: Record<string, string> = {
  'bytes-trend': `SELECT time_bucket(INTERVAL 1 HOUR, TimeGenerated) AS TimeGenerated, Computer, sum(BytesSent), sum(BytesReceived)
    FROM VMConnection GROUP BY ALL ORDER BY Computer DESC`,
  'connection-failures-trend': `SELECT hour(TimeGenerated) AS bythehour, count(*) AS failCount FROM VMConnection
    WHERE Computer = 'acme-demo' GROUP BY 1 ORDER BY 1`,
  'link-status-trend': `SELECT time_bucket(INTERVAL 1 HOUR, TimeGenerated) AS TimeGenerated, approx_count_distinct(LinksEstablished),
    approx_count_distinct(LinksLive), approx_count_distinct(LinksFailed), approx_count_distinct(LinksTerminated)
    FROM VMConnection WHERE TimeGenerated >= ${SINCE} AND Computer = 'acme-demo' GROUP BY 1`,
  'top-transmitting-vms': `SELECT v.Computer, s.AzureVMSize_s, sum(v.BytesSent) AS sum_BytesSent
    FROM VMConnection v FULL OUTER JOIN ServiceMapComputer_CL s ON v.Computer = s.ComputerName_s GROUP BY ALL ORDER BY 3 DESC`,
  'outbound-dependencies': `WITH machines AS (SELECT 'm-82412a7a-6a32-45a9-a8d6-538354224a25' AS m),
    ips AS (SELECT DISTINCT ResourceName_s AS MonitoredMachine, unnest(CAST(Ipv4Addresses_s AS JSON)::VARCHAR[]) AS ips FROM ServiceMapComputer_CL),
    out AS (SELECT * FROM VMConnection WHERE Machine IN (SELECT m FROM machines)
      QUALIFY row_number() OVER (PARTITION BY ConnectionId ORDER BY TimeGenerated DESC) = 1),
    loc AS (SELECT ConnectionId, Direction, Machine, Process, ProcessName, SourceIp, DestinationIp, DestinationPort, Protocol, RemoteIp,
      Machine AS RemoteMachine FROM out WHERE RemoteIp LIKE '127.%'),
    remote AS (SELECT DISTINCT o.ConnectionId, o.Direction, o.Machine, o.Process, o.ProcessName, o.SourceIp, o.DestinationIp,
      o.DestinationPort, o.Protocol, o.RemoteIp, coalesce(i.MonitoredMachine, '') AS RemoteMachine
      FROM out o LEFT JOIN ips i ON o.RemoteIp = i.ips WHERE o.RemoteIp NOT LIKE '127.%'),
    conns AS (SELECT DISTINCT *, CASE WHEN Direction = 'outbound' THEN DestinationPort ELSE 0 END AS RemotePort
      FROM (SELECT * FROM loc UNION ALL SELECT * FROM remote)
      WHERE Direction = 'outbound' OR (Direction = 'inbound' AND RemoteMachine NOT IN (SELECT m FROM machines))),
    ports AS (SELECT Process, ProcessName, concat_ws(':', Machine, Ip, Port, Protocol) AS JoinKey FROM VMBoundPort
      WHERE Machine IN (SELECT RemoteMachine FROM remote) QUALIFY row_number() OVER (PARTITION BY PortId ORDER BY TimeGenerated DESC) = 1)
    SELECT c.ConnectionId, c.Direction, c.Machine, c.Process, c.ProcessName, c.SourceIp, c.DestinationIp, c.DestinationPort, c.Protocol,
      list(DISTINCT CASE WHEN c.RemoteMachine = '' THEN '{}' ELSE json_object('Machine', c.RemoteMachine, 'Process', coalesce(p.Process, ''),
        'ProcessName', coalesce(p.ProcessName, ''))::VARCHAR END) AS Remote
    FROM conns c LEFT JOIN ports p ON concat_ws(':', c.RemoteMachine, c.RemoteIp, c.RemotePort, c.Protocol) = p.JoinKey GROUP BY ALL`,
  'wb-connections-overview': `SELECT Direction, time_bucket(INTERVAL 1 HOUR, TimeGenerated) AS TimeGenerated, sum(LinksEstablished) AS Connections
    FROM VMConnection WHERE TimeGenerated >= ${SINCE} AND Computer IN ${PICKED} GROUP BY ALL`,
  'wb-connections-top-remotes': `SELECT RemoteIp || ':' || DestinationPort AS RemoteEndpoint, sum(LinksEstablished) AS Connections
    FROM VMConnection WHERE TimeGenerated >= ${SINCE} AND Computer IN ${PICKED} GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
  'wb-failed-connections': `SELECT TimeGenerated, Computer, CASE WHEN Established = 0 THEN 0.0 ELSE 100.0 * Failed / Established END AS FailedPercent
    FROM (SELECT Computer, time_bucket(INTERVAL 1 HOUR, TimeGenerated) AS TimeGenerated, sum(LinksFailed) AS Failed, sum(LinksEstablished) AS Established
      FROM VMConnection WHERE TimeGenerated >= ${SINCE} AND Computer IN ${PICKED} GROUP BY ALL)`,
  'wb-failed-connections-by-machine': `SELECT Computer, sum(LinksFailed) AS FailedConnections FROM VMConnection
    WHERE TimeGenerated >= ${SINCE} AND Computer IN ${PICKED} GROUP BY 1 ORDER BY 2 DESC`,
  'wb-tcp-traffic': `SELECT time_bucket(INTERVAL 1 HOUR, TimeGenerated) AS TimeGenerated, sum(BytesSent) AS Sent, sum(BytesReceived) AS Received
    FROM VMConnection WHERE TimeGenerated >= ${SINCE} AND Computer IN ${PICKED} GROUP BY 1`,
  'wb-traffic-comparison': `SELECT Computer, time_bucket(INTERVAL 1 HOUR, TimeGenerated) AS TimeGenerated, sum(BytesSent + BytesReceived) AS TotalBytes
    FROM VMConnection WHERE TimeGenerated >= ${SINCE} AND Computer IN ${PICKED} GROUP BY ALL`,
  'wb-malicious-connections': `SELECT IndicatorThreatType, sum(LinksEstablished) AS Connections FROM VMConnection
    WHERE TimeGenerated >= ${SINCE} AND Computer IN ${PICKED} AND MaliciousIp <> '' GROUP BY 1`,
};
