/**
 * The sample datacenter's machines as data: each one's name, OS image, addresses, size, boot time and
 * the processes it runs with the ports they bind. The names the seed queries use (acme-demo,
 * admdemo-appsvr, the IP 10.229.243.232) are here; fleet.ts turns these specs into machines.
 */
import * as sw from './software';
import type { Software } from './software';

/** How a process binds a port: every interface (0.0.0.0), the machine's primary IP only, or loopback only. */
export type BindKind = 'wildcard' | 'specific' | 'loopback';

export type OsName = keyof typeof OS;
export const OS = {
  win2012: [
    'Windows',
    'Microsoft Windows Server 2012 R2 Datacenter',
    'MicrosoftWindowsServer',
    'WindowsServer',
    '2012-R2-Datacenter',
  ],
  win2016: [
    'Windows',
    'Microsoft Windows Server 2016 Datacenter',
    'MicrosoftWindowsServer',
    'WindowsServer',
    '2016-Datacenter',
  ],
  win2019: [
    'Windows',
    'Microsoft Windows Server 2019 Datacenter',
    'MicrosoftWindowsServer',
    'WindowsServer',
    '2019-Datacenter',
  ],
  sql2019: [
    'Windows',
    'Microsoft Windows Server 2019 Datacenter',
    'MicrosoftSQLServer',
    'SQL2019-WS2019',
    'Enterprise',
  ],
  sql2017: ['Windows', 'Microsoft Windows Server 2016 Datacenter', 'MicrosoftSQLServer', 'SQL2017-WS2016', 'Standard'],
  centos76: ['Linux', 'CentOS Linux 7.6.1810 (Core)', 'OpenLogic', 'CentOS', '7.6'],
  centos79: ['Linux', 'CentOS Linux 7.9.2009 (Core)', 'OpenLogic', 'CentOS', '7_9'],
  centos82: ['Linux', 'CentOS Linux 8.2.2004 (Core)', 'OpenLogic', 'CentOS', '8_2'],
  centos610: ['Linux', 'CentOS release 6.10 (Final)', '', '', ''],
  ubuntu1604: ['Linux', 'Ubuntu 16.04.7 LTS', '', '', ''],
  ubuntu1804: ['Linux', 'Ubuntu 18.04.5 LTS', 'Canonical', 'UbuntuServer', '18.04-LTS'],
  ubuntu2004: ['Linux', 'Ubuntu 20.04.2 LTS', 'Canonical', '0001-com-ubuntu-server-focal', '20_04-lts-gen2'],
} as const;

export type ProcSpec = readonly [key: string, software: Software, ports: readonly (readonly [number, BindKind])[]];

export interface MachineSpec {
  readonly name: string;
  readonly guid?: string;
  readonly os: OsName;
  readonly ips: readonly string[];
  /** Azure region and VM size; absent for on-premises machines. */
  readonly azure?: readonly [location: string, size: string, resourceGroup: string];
  readonly onPrem?: readonly [state: 'virtual' | 'physical' | 'hypervisor', type: string];
  readonly cpus: number;
  readonly memoryGB: number;
  readonly bootDaysAgo: number;
  readonly procs: readonly ProcSpec[];
}

const W = 'wildcard';
const S = 'specific';
const L = 'loopback';

function windowsBase(): ProcSpec[] {
  return [
    ['rdp', sw.svchostRdp(), [[3389, W]]],
    ['rpc', sw.svchostRpc(), [[135, W]]],
    ['smb', sw.windowsSystem(), [[445, W]]],
    ['agent', sw.windowsAgent(), []],
  ];
}

function linuxBase(sshVersion: string): ProcSpec[] {
  return [
    ['ssh', sw.sshd(sshVersion), [[22, W]]],
    [
      'agent',
      sw.omsAgent(),
      [
        [25224, L],
        [25226, L],
      ],
    ],
  ];
}

export const SPECS: readonly MachineSpec[] = [
  {
    name: 'acme-demo',
    guid: '4b9c93f9-bc37-46df-b43c-899ba829e07b',
    os: 'win2016',
    ips: ['10.229.240.4'],
    azure: ['westus2', 'Standard_D4s_v3', 'acme-web-rg'],
    cpus: 4,
    memoryGB: 16,
    bootDaysAgo: 12.4,
    procs: [
      [
        'web',
        sw.iisWorker('AcmeStore'),
        [
          [80, W],
          [443, W],
        ],
      ],
      ...windowsBase(),
    ],
  },
  {
    name: 'admdemo-appsvr',
    guid: '559dbcd8-3130-454d-8d1d-f624e57961bc',
    os: 'win2012',
    ips: ['10.229.243.232', '10.229.244.232'],
    azure: ['westus2', 'Standard_DS3_v2', 'acme-app-rg'],
    cpus: 4,
    memoryGB: 14,
    bootDaysAgo: 41.2,
    procs: [
      [
        'app',
        sw.javaTomcat({ windows: true, app: 'orders', jdbc: 'jdbc:sqlserver://acme-sql02:1433;databaseName=Orders' }),
        [
          [8080, W],
          [8443, W],
          [8005, L],
        ],
      ],
      ...windowsBase(),
    ],
  },
  {
    name: 'acme-sql01',
    os: 'sql2019',
    ips: ['10.229.243.20', '10.229.244.20'],
    azure: ['westus2', 'Standard_E8s_v3', 'acme-data-rg'],
    cpus: 8,
    memoryGB: 64,
    bootDaysAgo: 27.9,
    procs: [['sql', sw.sqlServer('2019'), [[1433, W]]], ...windowsBase()],
  },
  {
    name: 'acme-sql02',
    os: 'sql2017',
    ips: ['10.229.243.21'],
    azure: ['westus2', 'Standard_E4s_v3', 'acme-data-rg'],
    cpus: 4,
    memoryGB: 32,
    bootDaysAgo: 27.8,
    procs: [['sql', sw.sqlServer('2017'), [[1433, S]]], ...windowsBase()],
  },
  {
    name: 'acme-dc01',
    os: 'win2019',
    ips: ['10.229.245.4'],
    azure: ['westus2', 'Standard_B2ms', 'acme-identity-rg'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 63.1,
    procs: [
      [
        'ldap',
        sw.lsass(),
        [
          [389, W],
          [636, W],
          [88, W],
        ],
      ],
      ['dns', sw.windowsDns(), [[53, W]]],
      ...windowsBase(),
    ],
  },
  {
    name: 'acme-web01',
    os: 'win2019',
    ips: ['10.229.240.10'],
    azure: ['westus2', 'Standard_D2s_v3', 'acme-web-rg'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 5.3,
    procs: [
      [
        'web',
        sw.iisWorker('Portal'),
        [
          [80, W],
          [443, W],
        ],
      ],
      ...windowsBase(),
    ],
  },
  {
    name: 'acme-web02',
    os: 'win2019',
    ips: ['10.229.240.11'],
    azure: ['westus2', 'Standard_D2s_v3', 'acme-web-rg'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 5.2,
    procs: [
      [
        'web',
        sw.iisWorker('Portal'),
        [
          [80, W],
          [443, W],
        ],
      ],
      ...windowsBase(),
    ],
  },
  {
    name: 'acme-file01',
    os: 'win2016',
    ips: ['10.229.245.20'],
    azure: ['westus2', 'Standard_D2s_v3', 'acme-data-rg'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 88.0,
    procs: windowsBase(),
  },
  {
    name: 'acme-jump01',
    os: 'win2019',
    ips: ['10.229.246.4'],
    azure: ['westus2', 'Standard_B2s', 'acme-mgmt-rg'],
    cpus: 2,
    memoryGB: 4,
    bootDaysAgo: 2.1,
    procs: [['mstsc', sw.remoteDesktopClient(), []], ...windowsBase()],
  },
  {
    name: 'acme-nginx01',
    os: 'ubuntu1804',
    ips: ['10.229.240.20'],
    azure: ['westus2', 'Standard_D2s_v3', 'acme-web-rg'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 19.5,
    procs: [
      [
        'web',
        sw.nginx('1.14.0'),
        [
          [80, W],
          [443, W],
        ],
      ],
      ...linuxBase('7.6p1'),
    ],
  },
  {
    name: 'acme-nginx02',
    os: 'ubuntu2004',
    ips: ['10.229.240.21'],
    azure: ['westus2', 'Standard_D2s_v3', 'acme-web-rg'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 19.4,
    procs: [
      [
        'web',
        sw.nginx('1.18.0'),
        [
          [80, W],
          [443, W],
        ],
      ],
      ...linuxBase('8.2p1'),
    ],
  },
  {
    name: 'acme-app01',
    guid: '82412a7a-6a32-45a9-a8d6-538354224a25',
    os: 'centos76',
    ips: ['10.229.242.10'],
    azure: ['westus2', 'Standard_D4s_v3', 'acme-app-rg'],
    cpus: 4,
    memoryGB: 16,
    bootDaysAgo: 33.7,
    procs: [
      [
        'app',
        sw.javaTomcat({ windows: false, app: 'catalog', jdbc: 'jdbc:postgresql://acme-pg01:5432/catalog' }),
        [
          [8080, W],
          [8009, L],
        ],
      ],
      ['cache', sw.redis('3.2.12'), [[6379, L]]],
      ...linuxBase('7.4p1'),
    ],
  },
  {
    name: 'acme-app02',
    os: 'centos76',
    ips: ['10.229.242.11'],
    azure: ['westus2', 'Standard_D4s_v3', 'acme-app-rg'],
    cpus: 4,
    memoryGB: 16,
    bootDaysAgo: 33.6,
    procs: [
      [
        'app',
        sw.javaTomcat({ windows: false, app: 'catalog', jdbc: 'jdbc:postgresql://acme-pg01:5432/catalog' }),
        [
          [8080, W],
          [8009, L],
        ],
      ],
      ...linuxBase('7.4p1'),
    ],
  },
  {
    name: 'acme-app03',
    os: 'centos79',
    ips: ['10.229.242.12'],
    azure: ['eastus', 'Standard_D4s_v3', 'acme-app-rg'],
    cpus: 4,
    memoryGB: 16,
    bootDaysAgo: 9.8,
    procs: [
      [
        'app',
        sw.javaTomcat({ windows: false, app: 'billing', jdbc: 'jdbc:mysql://acme-mysql01:3306/billing' }),
        [[8080, W]],
      ],
      ['curl', sw.curl('7.29.0'), []],
      ...linuxBase('7.4p1'),
    ],
  },
  {
    name: 'acme-httpd01',
    os: 'centos82',
    ips: ['10.229.240.30'],
    azure: ['eastus', 'Standard_D2s_v3', 'acme-web-rg'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 14.2,
    procs: [
      [
        'web',
        sw.httpd('2.4.37'),
        [
          [80, W],
          [443, W],
        ],
      ],
      ['php', sw.phpFpm(), [[9000, L]]],
      ...linuxBase('8.0p1'),
    ],
  },
  {
    name: 'acme-pg01',
    os: 'ubuntu1804',
    ips: ['10.229.243.30'],
    azure: ['westus2', 'Standard_E4s_v3', 'acme-data-rg'],
    cpus: 4,
    memoryGB: 32,
    bootDaysAgo: 51.0,
    procs: [['db', sw.postgres('10.17'), [[5432, S]]], ...linuxBase('7.6p1')],
  },
  {
    name: 'acme-mysql01',
    os: 'centos76',
    ips: ['10.229.243.31'],
    azure: ['eastus', 'Standard_E4s_v3', 'acme-data-rg'],
    cpus: 4,
    memoryGB: 32,
    bootDaysAgo: 51.1,
    procs: [['db', sw.mysqld(), [[3306, W]]], ...linuxBase('7.4p1')],
  },
  {
    name: 'acme-redis01',
    os: 'ubuntu2004',
    ips: ['10.229.243.40'],
    azure: ['westus2', 'Standard_E2s_v3', 'acme-data-rg'],
    cpus: 2,
    memoryGB: 16,
    bootDaysAgo: 22.3,
    procs: [['cache', sw.redis('5.0.7'), [[6379, S]]], ...linuxBase('8.2p1')],
  },
  {
    name: 'acme-kafka01',
    os: 'ubuntu1804',
    ips: ['10.229.242.40'],
    azure: ['westeurope', 'Standard_D4s_v3', 'acme-app-rg'],
    cpus: 4,
    memoryGB: 16,
    bootDaysAgo: 30.0,
    procs: [
      ['kafka', sw.javaKafka('kafka'), [[9092, W]]],
      ['zk', sw.javaKafka('zookeeper'), [[2181, W]]],
      ...linuxBase('7.6p1'),
    ],
  },
  {
    name: 'acme-build01',
    os: 'ubuntu2004',
    ips: ['10.229.246.20'],
    azure: ['westeurope', 'Standard_D8s_v3', 'acme-mgmt-rg'],
    cpus: 8,
    memoryGB: 32,
    bootDaysAgo: 3.4,
    procs: [
      [
        'ci',
        sw.jenkins(),
        [
          [8080, W],
          [50000, W],
        ],
      ],
      ['curl', sw.curl('7.68.0'), []],
      ...linuxBase('8.2p1'),
    ],
  },
  {
    name: 'acme-mon01',
    os: 'ubuntu1804',
    ips: ['10.229.246.30'],
    azure: ['northeurope', 'Standard_D2s_v3', 'acme-mgmt-rg'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 17.6,
    procs: [
      ['prom', sw.prometheus(), [[9090, W]]],
      ['grafana', sw.grafana(), [[3000, W]]],
      ['curl', sw.curl('7.58.0'), []],
      ...linuxBase('7.6p1'),
    ],
  },
  {
    name: 'acme-mail01',
    os: 'centos79',
    ips: ['10.229.245.30'],
    azure: ['northeurope', 'Standard_B2s', 'acme-identity-rg'],
    cpus: 2,
    memoryGB: 4,
    bootDaysAgo: 70.5,
    procs: [
      [
        'smtp',
        sw.postfix(),
        [
          [25, W],
          [587, W],
        ],
      ],
      ...linuxBase('7.4p1'),
    ],
  },
  {
    name: 'acme-bastion01',
    os: 'ubuntu2004',
    ips: ['10.229.246.10'],
    azure: ['westus2', 'Standard_B1ms', 'acme-mgmt-rg'],
    cpus: 1,
    memoryGB: 2,
    bootDaysAgo: 8.9,
    procs: [['sshclient', sw.sshClient('8.2p1'), []], ...linuxBase('8.2p1')],
  },
  {
    name: 'onprem-hv01',
    os: 'win2016',
    ips: ['192.168.10.5'],
    onPrem: ['hypervisor', ''],
    cpus: 32,
    memoryGB: 256,
    bootDaysAgo: 120.3,
    procs: [['vmms', sw.hyperVManagement(), [[2179, W]]], ...windowsBase()],
  },
  {
    name: 'onprem-dc02',
    os: 'win2012',
    ips: ['192.168.10.10'],
    onPrem: ['virtual', 'hyperv'],
    cpus: 2,
    memoryGB: 8,
    bootDaysAgo: 45.6,
    procs: [
      [
        'ldap',
        sw.lsass(),
        [
          [389, W],
          [88, W],
        ],
      ],
      ['dns', sw.windowsDns(), [[53, W]]],
      ...windowsBase(),
    ],
  },
  {
    name: 'onprem-erp01',
    os: 'win2016',
    ips: ['192.168.10.20'],
    onPrem: ['virtual', 'hyperv'],
    cpus: 8,
    memoryGB: 48,
    bootDaysAgo: 45.5,
    procs: [['erp', sw.erpService(), [[8088, W]]], ['sql', sw.sqlServer('2016'), [[1433, W]]], ...windowsBase()],
  },
  {
    name: 'onprem-web01',
    os: 'centos610',
    ips: ['192.168.20.10'],
    onPrem: ['virtual', 'vmware'],
    cpus: 2,
    memoryGB: 4,
    bootDaysAgo: 201.0,
    procs: [['web', sw.httpd('2.2.15'), [[80, W]]], ['curl', sw.curl('7.19.7'), []], ...linuxBase('5.3p1')],
  },
  {
    name: 'onprem-ora01',
    os: 'centos79',
    ips: ['192.168.20.20'],
    onPrem: ['virtual', 'vmware'],
    cpus: 8,
    memoryGB: 64,
    bootDaysAgo: 96.2,
    procs: [['db', sw.oracleListener(), [[1521, W]]], ...linuxBase('7.4p1')],
  },
  {
    name: 'onprem-backup01',
    os: 'ubuntu1604',
    ips: ['192.168.10.30'],
    onPrem: ['physical', ''],
    cpus: 8,
    memoryGB: 32,
    bootDaysAgo: 150.8,
    procs: [['backup', sw.baculaFd(), [[9102, W]]], ...linuxBase('7.2p2')],
  },
];
