/** How a machines-tree node is shown: pure, so tests assert labels, warnings and tooltips without vscode. */

import { exportedAs, firstAddress, listedAddress, shownAddress } from './addressText';
import { type FleetNode, GROUPS, type NodeView } from './fleetNodes';
import { type ByteColumn, formatBytes, isWildcardIp } from './fleetRows';

/** An address and port as the tree shows them: the address in its one shown form (addressText.ts). */
export function endpointLabel(ip: string, port: number, protocol: string): string {
  const shown = shownAddress(ip);
  // IPv6 addresses are bracketed so the port stays distinguishable.
  const host = shown.includes(':') ? `[${shown}]` : shown;
  return `${host}:${port}/${protocol}`;
}

function threatText(ips: readonly string[], threats: readonly string[]): string {
  return `Connected to malicious IP${ips.length > 1 ? 's' : ''} ${ips
    .slice(0, 10)
    .map((ip) => shownAddress(ip))
    .join(', ')}${threats.length ? ` (${threats.slice(0, 10).join(', ')})` : ''}.`;
}

/** A machine's addresses for its tooltip, each once in RFC 5952 form. */
function addressList(ips: readonly string[]): string {
  return [...new Set(ips.map(listedAddress))].join(', ');
}

/**
 * "1.2 KB sent, 3.4 KB received"; a byte column the data lacks is left out and named, not shown as
 * "0 B": "3.4 KB received (the data has no BytesSent)".
 */
function trafficText(sent: number, received: number, unmeasured: readonly ByteColumn[]): string {
  const parts = [
    unmeasured.includes('BytesSent') ? '' : `${formatBytes(sent)} sent`,
    unmeasured.includes('BytesReceived') ? '' : `${formatBytes(received)} received`,
  ].filter(Boolean);
  const note = unmeasured.length ? `the data has no ${unmeasured.join(' or ')}` : '';
  return parts.length ? `${parts.join(', ')}${note ? ` (${note})` : ''}` : `unknown (${note})`;
}

/** "Machine web-01, Linux, 10.0.0.4, warning: …": the parts that are there, joined as a sentence. */
function spoken(...parts: (string | undefined | false)[]): string {
  return parts.filter(Boolean).join(', ');
}

/** How a node is shown: pure so tests can assert labels, warnings and tooltips. */
export function viewOf(node: FleetNode): NodeView {
  switch (node.kind) {
    case 'machine': {
      const r = node.row;
      const warning = r.maliciousIps.length > 0;
      // A machine known only by IPv6 still shows an address; garbage in the IPv4 column does not hide it.
      const first = firstAddress([...r.ips, ...(r.ipv6s ?? [])]);
      const ip = first !== undefined ? shownAddress(first) : undefined;
      // Another machine's computer name differs only in case: its id tells the two rows apart.
      const namesake = node.namesake ? r.machine : undefined;
      const lines = [
        r.computer || r.machine,
        `Machine: ${r.machine}`,
        r.os ? `OS: ${r.os}` : r.osFamily ? `OS: ${r.osFamily}` : '',
        r.ips.length ? `IPv4: ${addressList(r.ips)}` : '',
        r.ipv6s?.length ? `IPv6: ${addressList(r.ipv6s)}` : '',
        `Traffic: ${trafficText(r.bytesSent, r.bytesReceived, r.unmeasured ?? [])}`,
        r.linksFailed ? `${r.linksFailed} failed links.` : '',
        warning ? `⚠ ${threatText(r.maliciousIps, r.threats)}` : '',
      ];
      return {
        id: node.id,
        label: r.computer || r.machine,
        description: [r.osFamily, ip, namesake].filter(Boolean).join(' · '),
        tooltip: lines.filter(Boolean).join('\n'),
        ariaLabel: spoken(
          `Machine ${r.computer || r.machine}`,
          r.osFamily,
          ip,
          namesake && `machine ${namesake}`,
          r.linksFailed > 0 && `${r.linksFailed} failed links`,
          warning && `warning: ${threatText(r.maliciousIps, r.threats)}`,
        ),
        icon: warning ? 'shield' : 'vm',
        warning,
        ...(warning ? { flag: 'malicious' as const } : {}),
        contextValue: warning ? 'machineWarning' : 'machine',
        collapsible: true,
      };
    }
    case 'group': {
      const g = GROUPS.find((x) => x.group === node.group)!;
      return {
        id: node.id,
        label: g.label,
        tooltip: `${g.label} of ${node.machine.computer || node.machine.machine}`,
        ariaLabel: `${g.label} of ${node.machine.computer || node.machine.machine}`,
        icon: g.icon,
        warning: false,
        contextValue: `group.${node.group}`,
        collapsible: true,
      };
    }
    case 'loopback':
      return {
        id: node.id,
        label: 'Loopback only',
        description: `${node.ports.length}`,
        tooltip: 'Ports bound to a loopback address: reachable from this machine only.',
        ariaLabel: `Loopback only: ${node.ports.length} ${node.ports.length === 1 ? 'port' : 'ports'} bound to a loopback address`,
        icon: 'lock',
        warning: false,
        contextValue: 'group.loopback',
        collapsible: true,
      };
    case 'process': {
      const r = node.row;
      const lines = [
        r.executable,
        r.user ? `User: ${r.user}` : '',
        r.path ? `Path: ${r.path}` : '',
        r.commandLine ? `Command line: ${r.commandLine}` : '',
        `Process: ${r.process}`,
      ];
      return {
        id: node.id,
        label: r.executable || r.process,
        description: r.user,
        tooltip: lines.filter(Boolean).join('\n'),
        ariaLabel: spoken(`Process ${r.executable || r.process}`, r.user && `user ${r.user}`),
        icon: 'gear',
        warning: false,
        contextValue: 'process',
        collapsible: false,
      };
    }
    case 'port': {
      const r = node.row;
      const warning = r.linksFailed > 0;
      const lines = [
        endpointLabel(r.ip, r.port, r.protocol),
        exportedAs(shownAddress(r.ip, Number.POSITIVE_INFINITY), r.ips ?? []),
        r.wildcard || isWildcardIp(r.ip) ? 'Wildcard bind: reachable on every interface of the machine.' : '',
        r.processName ? `Process: ${r.processName}` : '',
        `Traffic: ${formatBytes(r.bytesSent)} sent, ${formatBytes(r.bytesReceived)} received; ${r.linksLive} live links`,
        warning ? `⚠ ${r.linksFailed} failed inbound links to this port.` : '',
      ];
      return {
        id: node.id,
        label: endpointLabel(r.ip, r.port, r.protocol),
        description: [r.wildcard || isWildcardIp(r.ip) ? 'wildcard' : '', r.processName].filter(Boolean).join(' · '),
        tooltip: lines.filter(Boolean).join('\n'),
        ariaLabel: spoken(
          `Bound port ${endpointLabel(r.ip, r.port, r.protocol)}`,
          (r.wildcard || isWildcardIp(r.ip)) && 'wildcard bind',
          r.processName && `process ${r.processName}`,
          warning && `warning: ${r.linksFailed} failed inbound links`,
        ),
        icon: warning ? 'debug-disconnect' : 'plug',
        warning,
        ...(warning ? { flag: 'failed' as const } : {}),
        contextValue: 'port',
        collapsible: false,
      };
    }
    case 'dependency': {
      const r = node.row;
      const malicious = r.maliciousIps.length > 0;
      const warning = malicious || r.linksFailed > 0;
      // Outbound: the remote's port; inbound: the remote connects to this machine's port.
      const endpoint =
        node.direction === 'outbound'
          ? endpointLabel(r.remoteIp, r.port, r.protocol)
          : `${shownAddress(r.remoteIp)} → :${r.port}/${r.protocol}`;
      const label = r.remoteMachine ? `${r.remoteComputer || r.remoteMachine} (${endpoint})` : endpoint;
      const lines = [
        label,
        exportedAs(shownAddress(r.remoteIp, Number.POSITIVE_INFINITY), r.remoteIps ?? []),
        r.remoteMachine ? `Monitored machine ${r.remoteMachine}` : 'Not a monitored machine',
        r.processName ? `Local process: ${r.processName}` : '',
        `${trafficText(r.bytesSent, r.bytesReceived, r.unmeasured ?? [])}, ${r.linksEstablished} links established`,
        r.linksFailed ? `⚠ ${r.linksFailed} failed links.` : '',
        malicious ? `⚠ ${threatText(r.maliciousIps, r.threats)}` : '',
      ];
      return {
        id: node.id,
        label,
        description: `${r.unmeasured?.length === 2 ? `${r.linksEstablished} links` : formatBytes(r.bytesSent + r.bytesReceived)}${r.linksFailed ? ` · ${r.linksFailed} failed` : ''}`,
        tooltip: lines.filter(Boolean).join('\n'),
        ariaLabel: spoken(
          `${node.direction === 'outbound' ? 'Outbound dependency' : 'Inbound client'} ${label}`,
          r.linksFailed > 0 && `${r.linksFailed} failed links`,
          malicious && `warning: ${threatText(r.maliciousIps, r.threats)}`,
        ),
        icon: malicious ? 'shield' : warning ? 'debug-disconnect' : r.remoteMachine ? 'vm-connect' : 'globe',
        warning,
        ...(warning ? { flag: malicious ? ('malicious' as const) : ('failed' as const) } : {}),
        contextValue: `dependency.${node.direction}`,
        collapsible: false,
      };
    }
    case 'message':
      return {
        id: node.id,
        label: node.text,
        tooltip: node.detail ? `${node.text}\n\n${node.detail}` : node.text,
        // The detail is what to do about it (the tooltip's second paragraph): read too.
        ariaLabel: node.detail ? `${node.text}. ${node.detail}` : node.text,
        icon: node.error ? 'error' : 'info',
        warning: false,
        contextValue: 'message',
        collapsible: false,
      };
  }
}
