/**
 * Unmonitored hosts on the internet the fleet talks to: cloud services, package mirrors, customers'
 * browsers, and a few addresses threat intelligence knows as malicious (their VMConnection records carry
 * the threat-intel columns).
 */

export interface ThreatIntel {
  readonly type: string;
  readonly description: string;
  readonly tlpLevel: 'White' | 'Green' | 'Amber' | 'Red';
  readonly confidence: number;
  readonly severity: number;
  /** Days before "now" the provider first and last reported it. */
  readonly firstReportedDaysAgo: number;
  readonly lastReportedDaysAgo: number;
  readonly isActive: boolean;
  readonly reportReferenceLink: string;
  readonly additionalInformation: string;
}

export interface ExternalHost {
  readonly ip: string;
  readonly country: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly dnsNames: readonly string[];
  readonly threat?: ThreatIntel;
}

function host(
  ip: string,
  country: string,
  latitude: number,
  longitude: number,
  dnsNames: string[] = [],
  threat?: ThreatIntel,
): ExternalHost {
  return { ip, country, latitude, longitude, dnsNames, threat };
}

export const SERVICES = {
  monitorIngestion: host('40.79.154.87', 'United States', 47.6062, -122.3321, [
    '3f0a7c2e-ods.ods.opinsights.azure.com',
  ]),
  github: host('140.82.112.3', 'United States', 37.7697, -122.3933, ['github.com']),
  ubuntuArchive: host('91.189.88.152', 'United Kingdom', 51.5164, -0.093, ['archive.ubuntu.com']),
  centosMirror: host('85.236.43.108', 'Germany', 50.1188, 8.6843, ['mirror.centos.org']),
  packageMirror: host('151.101.2.132', 'United States', 37.751, -97.822, ['packages.contoso-mirror.net']),
  windowsUpdate: host('13.107.4.50', 'United States', 47.6801, -122.1206, ['download.windowsupdate.com']),
  paymentsApi: host('54.187.174.169', 'United States', 45.8399, -119.7006, ['api.payments-gateway.example']),
  mailRelay: host('167.89.123.54', 'United States', 39.0438, -77.4874, ['smtp.sendgrid.net']),
} as const;

/** Customers' browsers and partners: the sources of inbound web traffic. */
export const CLIENTS: readonly ExternalHost[] = [
  host('73.162.40.18', 'United States', 47.6145, -122.348),
  host('98.207.115.6', 'United States', 37.3394, -121.895),
  host('24.5.183.42', 'United States', 41.8781, -87.6298),
  host('81.2.69.160', 'United Kingdom', 51.5142, -0.0931),
  host('89.160.20.112', 'Sweden', 57.7072, 11.9668),
  host('62.210.16.4', 'France', 48.8582, 2.3387),
  host('203.0.133.77', 'Australia', -33.8591, 151.2002),
  host('126.62.90.20', 'Japan', 35.69, 139.69),
  host('177.72.16.9', 'Brazil', -23.5475, -46.6361),
  host('49.36.128.201', 'India', 19.0748, 72.8856),
  host('70.114.22.93', 'United States', 30.2672, -97.7431),
  host('84.17.52.14', 'Germany', 48.1374, 11.5755),
  host('99.236.18.240', 'Canada', 43.6532, -79.3832),
  host('41.76.108.46', 'South Africa', -26.2041, 28.0473),
  host('110.33.21.7', 'Australia', -37.8136, 144.9631),
  host('58.120.44.3', 'South Korea', 37.5665, 126.978),
];

const interflow = (id: string) => `https://interflowwebportalext.cloudapp.net/reports/${id}`;

export const MALICIOUS = {
  rdpBruteForce: host('185.220.101.45', 'Germany', 51.2993, 9.491, [], {
    type: 'Botnet',
    description: 'Botnet: RDP brute-force sources',
    tlpLevel: 'Amber',
    confidence: 80,
    severity: 3,
    firstReportedDaysAgo: 41,
    lastReportedDaysAgo: 1,
    isActive: true,
    reportReferenceLink: interflow('3bb1a3a8-e15f-4b8c-a0a1-2d1f3f77c0a1'),
    additionalInformation: '{"Tags":["rdp","bruteforce"],"Source":"Microsoft Threat Intelligence"}',
  }),
  commandAndControl: host('45.142.212.61', 'Netherlands', 52.3824, 4.8995, ['update-check.cdn-sync.example'], {
    type: 'C2',
    description: 'Command and control server of a Linux backdoor',
    tlpLevel: 'Red',
    confidence: 95,
    severity: 5,
    firstReportedDaysAgo: 12,
    lastReportedDaysAgo: 0,
    isActive: true,
    reportReferenceLink: interflow('a6f3d0c2-5b1e-4a0c-9d5e-7c1b2e3f4a5b'),
    additionalInformation: '{"Tags":["backdoor","linux"],"Malware":"Linux.Backdoor.Xorddos"}',
  }),
  scanner: host('89.248.165.52', 'Netherlands', 52.3824, 4.8995, [], {
    type: 'Watchlist',
    description: 'Internet-wide port scanner',
    tlpLevel: 'Green',
    confidence: 60,
    severity: 1,
    firstReportedDaysAgo: 300,
    lastReportedDaysAgo: 2,
    isActive: true,
    reportReferenceLink: interflow('0c9e8d7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f'),
    additionalInformation: '{"Tags":["scanner"]}',
  }),
  miningPool: host('94.130.12.27', 'Germany', 49.4478, 11.0683, ['pool.minexmr-mirror.example'], {
    type: 'CryptoMining',
    description: 'Cryptocurrency mining pool',
    tlpLevel: 'White',
    confidence: 90,
    severity: 2,
    firstReportedDaysAgo: 95,
    lastReportedDaysAgo: 3,
    isActive: true,
    reportReferenceLink: interflow('5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c'),
    additionalInformation: '{"Tags":["cryptomining","monero"]}',
  }),
} as const;

/**
 * More internet clients for the benchmark scales: a deterministic public address per index, spread over a
 * few countries so geolocation columns stay filled.
 */
export function extraClient(index: number): ExternalHost {
  const base = CLIENTS[index % CLIENTS.length]!;
  let a = 20 + (index % 180);
  // Skip the private, loopback, link-local and shared ranges' first octets.
  if (a === 100 || a === 127 || a === 169 || a === 172 || a === 192) {
    a++;
  }
  const b = (index * 37) % 256;
  const c = (index * 101) % 256;
  return host(`${a}.${b}.${c}.${1 + (index % 250)}`, base.country, base.latitude, base.longitude);
}
