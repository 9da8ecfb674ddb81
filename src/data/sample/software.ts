/**
 * The software the sample fleet runs: what Service Map records about each process (executable, product,
 * versions, command line, account). Values follow what these products really report, so queries that
 * search command lines or product names (`contains_cs "sql"`, `search "*sql*"`) behave as on real data.
 */

export type ProcessRole = 'webServer' | 'appServer' | 'databaseServer' | 'ldapServer' | 'smbServer' | '';

export interface Software {
  readonly executable: string;
  readonly displayName: string;
  readonly description: string;
  readonly company: string;
  readonly internalName: string;
  readonly productName: string;
  readonly productVersion: string;
  readonly fileVersion: string;
  readonly commandLine: string;
  readonly executablePath: string;
  readonly workingDirectory: string;
  readonly userName: string;
  readonly userDomain: string;
  readonly role: ProcessRole;
  /** Service Map's process group: processes with the same group are shown as one. */
  readonly group: string;
  /** Windows services the process hosts. */
  readonly services: readonly string[];
}

type SoftwareInput = Omit<Software, 'displayName' | 'internalName' | 'group' | 'services' | 'role' | 'fileVersion'> & {
  readonly role?: ProcessRole;
  readonly group?: string;
  readonly services?: readonly string[];
  readonly fileVersion?: string;
  readonly internalName?: string;
};

/** Every field explicitly and in one order: one object shape for all software, so reading it stays fast. */
function sw(p: SoftwareInput): Software {
  return {
    executable: p.executable,
    displayName: p.executable.replace(/\.exe$/, ''),
    description: p.description,
    company: p.company,
    internalName: p.internalName ?? p.executable.replace(/\.exe$/, ''),
    productName: p.productName,
    productVersion: p.productVersion,
    fileVersion: p.fileVersion ?? p.productVersion,
    commandLine: p.commandLine,
    executablePath: p.executablePath,
    workingDirectory: p.workingDirectory,
    userName: p.userName,
    userDomain: p.userDomain,
    role: p.role ?? '',
    group: p.group ?? p.productName,
    services: p.services ?? [],
  };
}

const MS = 'Microsoft Corporation';
const WIN_OS = 'Microsoft® Windows® Operating System';
const SYSTEM32 = 'C:\\Windows\\System32';

export function sqlServer(release: '2016' | '2017' | '2019'): Software {
  const v = {
    '2016': ['13.0.5026.0', 'MSSQL13', '2015.0131.5026.00 ((SQL16_SP2).180918-0424)'],
    '2017': ['14.0.3381.3', 'MSSQL14', '2017.0140.3381.03 ((SQL17_RTM_QFE-CU).210112-2203)'],
    '2019': ['15.0.4153.1', 'MSSQL15', '2019.0150.4153.01 ((SQL19_RTM_QFE-CU).210604-0012)'],
  }[release];
  const bin = `C:\\Program Files\\Microsoft SQL Server\\${v[1]}.MSSQLSERVER\\MSSQL\\Binn`;
  return sw({
    executable: 'sqlservr.exe',
    description: 'SQL Server Windows NT - 64 Bit',
    company: MS,
    productName: 'Microsoft SQL Server',
    productVersion: v[0]!,
    fileVersion: v[2]!,
    commandLine: `"${bin}\\sqlservr.exe" -sMSSQLSERVER`,
    executablePath: `${bin}\\sqlservr.exe`,
    workingDirectory: bin,
    userName: 'MSSQLSERVER',
    userDomain: 'NT SERVICE',
    role: 'databaseServer',
    services: ['MSSQLSERVER'],
  });
}

export function iisWorker(pool: string): Software {
  return sw({
    executable: 'w3wp.exe',
    description: 'IIS Worker Process',
    company: MS,
    productName: 'Internet Information Services',
    productVersion: '10.0.17763.1',
    fileVersion: '10.0.17763.1 (WinBuild.160101.0800)',
    commandLine: `c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "${pool}" -v "v4.0" -l "webengine4.dll" -a \\\\.\\pipe\\iisipm${pool.length}f2c -h "C:\\inetpub\\temp\\apppools\\${pool}\\${pool}.config" -w "" -m 0 -t 20`,
    executablePath: 'C:\\Windows\\System32\\inetsrv\\w3wp.exe',
    workingDirectory: 'C:\\Windows\\System32\\inetsrv',
    userName: pool,
    userDomain: 'IIS APPPOOL',
    role: 'webServer',
    services: ['W3SVC', 'WAS'],
  });
}

export function svchostRdp(): Software {
  return sw({
    executable: 'svchost.exe',
    description: 'Host Process for Windows Services',
    company: MS,
    productName: WIN_OS,
    productVersion: '10.0.17763.1',
    commandLine: 'C:\\Windows\\System32\\svchost.exe -k NetworkService -s TermService',
    executablePath: `${SYSTEM32}\\svchost.exe`,
    workingDirectory: SYSTEM32,
    userName: 'NETWORK SERVICE',
    userDomain: 'NT AUTHORITY',
    services: ['TermService'],
    group: 'Remote Desktop Services',
  });
}

export function svchostRpc(): Software {
  return sw({
    executable: 'svchost.exe',
    description: 'Host Process for Windows Services',
    company: MS,
    productName: WIN_OS,
    productVersion: '10.0.17763.1',
    commandLine: 'C:\\Windows\\system32\\svchost.exe -k RPCSS -p',
    executablePath: `${SYSTEM32}\\svchost.exe`,
    workingDirectory: SYSTEM32,
    userName: 'NETWORK SERVICE',
    userDomain: 'NT AUTHORITY',
    services: ['RpcEptMapper', 'RpcSs'],
    group: 'Remote Procedure Call (RPC)',
  });
}

export function windowsSystem(): Software {
  return sw({
    executable: 'System',
    description: 'NT Kernel & System',
    company: MS,
    productName: WIN_OS,
    productVersion: '10.0.17763.1',
    commandLine: '',
    executablePath: '',
    workingDirectory: '',
    userName: 'SYSTEM',
    userDomain: 'NT AUTHORITY',
    role: 'smbServer',
    internalName: 'ntoskrnl.exe',
  });
}

export function lsass(): Software {
  return sw({
    executable: 'lsass.exe',
    description: 'Local Security Authority Process',
    company: MS,
    productName: WIN_OS,
    productVersion: '10.0.17763.1',
    commandLine: 'C:\\Windows\\system32\\lsass.exe',
    executablePath: `${SYSTEM32}\\lsass.exe`,
    workingDirectory: SYSTEM32,
    userName: 'SYSTEM',
    userDomain: 'NT AUTHORITY',
    role: 'ldapServer',
    services: ['Kdc', 'Netlogon', 'NTDS', 'SamSs'],
    group: 'Active Directory Domain Services',
  });
}

export function windowsDns(): Software {
  return sw({
    executable: 'dns.exe',
    description: 'Domain Name System (DNS) Server',
    company: MS,
    productName: WIN_OS,
    productVersion: '10.0.17763.1',
    commandLine: 'C:\\Windows\\system32\\dns.exe',
    executablePath: `${SYSTEM32}\\dns.exe`,
    workingDirectory: SYSTEM32,
    userName: 'SYSTEM',
    userDomain: 'NT AUTHORITY',
    services: ['DNS'],
  });
}

export function windowsAgent(): Software {
  return sw({
    executable: 'MonitoringHost.exe',
    description: 'Microsoft Monitoring Agent',
    company: MS,
    productName: 'System Center Operations Manager',
    productVersion: '10.20.18053.0',
    commandLine: '"C:\\Program Files\\Microsoft Monitoring Agent\\Agent\\MonitoringHost.exe" -Embedding',
    executablePath: 'C:\\Program Files\\Microsoft Monitoring Agent\\Agent\\MonitoringHost.exe',
    workingDirectory: 'C:\\Program Files\\Microsoft Monitoring Agent\\Agent',
    userName: 'SYSTEM',
    userDomain: 'NT AUTHORITY',
    services: ['HealthService'],
    group: 'Microsoft Monitoring Agent',
  });
}

export function remoteDesktopClient(): Software {
  return sw({
    executable: 'mstsc.exe',
    description: 'Remote Desktop Connection',
    company: MS,
    productName: WIN_OS,
    productVersion: '10.0.17763.1',
    commandLine: '"C:\\Windows\\system32\\mstsc.exe" /v:acme-sql01',
    executablePath: `${SYSTEM32}\\mstsc.exe`,
    workingDirectory: 'C:\\Users\\ops-admin',
    userName: 'ops-admin',
    userDomain: 'ACME',
  });
}

export function javaTomcat(opts: { windows: boolean; app: string; jdbc: string }): Software {
  const version = opts.windows ? '8.0.2910.10' : '1.8.0_292';
  const path = opts.windows
    ? 'C:\\Program Files\\Java\\jre1.8.0_291\\bin\\java.exe'
    : '/usr/lib/jvm/java-1.8.0-openjdk/jre/bin/java';
  const home = opts.windows ? 'C:\\apache-tomcat-9.0.46' : '/opt/tomcat';
  return sw({
    executable: opts.windows ? 'java.exe' : 'java',
    description: 'Java(TM) Platform SE binary',
    company: opts.windows ? 'Oracle Corporation' : 'Red Hat, Inc.',
    productName: opts.windows ? 'Java(TM) Platform SE 8' : 'OpenJDK Runtime Environment',
    productVersion: version,
    commandLine: `${path} -Djava.util.logging.config.file=${home}/conf/logging.properties -Dspring.datasource.url=${opts.jdbc} -Dapp.name=${opts.app} -Dcatalina.base=${home} -Dcatalina.home=${home} -classpath ${home}/bin/bootstrap.jar org.apache.catalina.startup.Bootstrap start`,
    executablePath: path,
    workingDirectory: opts.windows ? `${home}\\bin` : home,
    userName: opts.windows ? 'svc-tomcat' : 'tomcat',
    userDomain: opts.windows ? 'ACME' : '',
    role: 'appServer',
    group: `Apache Tomcat (${opts.app})`,
    services: opts.windows ? ['Tomcat9'] : [],
  });
}

export function javaKafka(component: 'kafka' | 'zookeeper'): Software {
  const main =
    component === 'kafka'
      ? 'kafka.Kafka /opt/kafka/config/server.properties'
      : 'org.apache.zookeeper.server.quorum.QuorumPeerMain /opt/kafka/config/zookeeper.properties';
  return sw({
    executable: 'java',
    description: 'Java(TM) Platform SE binary',
    company: 'Red Hat, Inc.',
    productName: 'OpenJDK Runtime Environment',
    productVersion: '11.0.11',
    commandLine: `/usr/lib/jvm/java-11-openjdk-amd64/bin/java -Xmx1G -Xms1G -server -XX:+UseG1GC -cp /opt/kafka/libs/* ${main}`,
    executablePath: '/usr/lib/jvm/java-11-openjdk-amd64/bin/java',
    workingDirectory: '/opt/kafka',
    userName: 'kafka',
    userDomain: '',
    role: 'appServer',
    group: component === 'kafka' ? 'Apache Kafka' : 'Apache ZooKeeper',
  });
}

export function jenkins(): Software {
  return sw({
    executable: 'java',
    description: 'Java(TM) Platform SE binary',
    company: 'Red Hat, Inc.',
    productName: 'OpenJDK Runtime Environment',
    productVersion: '11.0.11',
    commandLine:
      '/usr/bin/java -Djava.awt.headless=true -jar /usr/share/jenkins/jenkins.war --webroot=/var/cache/jenkins/war --httpPort=8080',
    executablePath: '/usr/bin/java',
    workingDirectory: '/var/lib/jenkins',
    userName: 'jenkins',
    userDomain: '',
    role: 'appServer',
    group: 'Jenkins',
  });
}

export function nginx(version: string): Software {
  return sw({
    executable: 'nginx',
    description: 'nginx HTTP and reverse proxy server',
    company: 'Nginx, Inc.',
    productName: 'nginx',
    productVersion: version,
    commandLine: 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;',
    executablePath: '/usr/sbin/nginx',
    workingDirectory: '/',
    userName: 'www-data',
    userDomain: '',
    role: 'webServer',
  });
}

export function httpd(version: string): Software {
  return sw({
    executable: 'httpd',
    description: 'Apache HTTP Server',
    company: 'Apache Software Foundation',
    productName: 'Apache HTTP Server',
    productVersion: version,
    commandLine: '/usr/sbin/httpd -DFOREGROUND',
    executablePath: '/usr/sbin/httpd',
    workingDirectory: '/',
    userName: 'apache',
    userDomain: '',
    role: 'webServer',
  });
}

export function phpFpm(): Software {
  return sw({
    executable: 'php-fpm',
    description: 'PHP FastCGI Process Manager',
    company: 'The PHP Group',
    productName: 'PHP',
    productVersion: '7.2.24',
    commandLine: 'php-fpm: master process (/etc/php-fpm.conf)',
    executablePath: '/usr/sbin/php-fpm',
    workingDirectory: '/',
    userName: 'apache',
    userDomain: '',
    role: 'appServer',
  });
}

export function postgres(version: string): Software {
  return sw({
    executable: 'postgres',
    description: 'PostgreSQL database server',
    company: 'PostgreSQL Global Development Group',
    productName: 'PostgreSQL',
    productVersion: version,
    commandLine: `/usr/lib/postgresql/${version.split('.')[0]}/bin/postgres -D /var/lib/postgresql/${version.split('.')[0]}/main -c config_file=/etc/postgresql/${version.split('.')[0]}/main/postgresql.conf`,
    executablePath: `/usr/lib/postgresql/${version.split('.')[0]}/bin/postgres`,
    workingDirectory: '/var/lib/postgresql',
    userName: 'postgres',
    userDomain: '',
    role: 'databaseServer',
  });
}

export function mysqld(): Software {
  return sw({
    executable: 'mysqld',
    description: 'MySQL Server',
    company: 'Oracle Corporation',
    productName: 'MySQL Community Server',
    productVersion: '5.7.34',
    commandLine: '/usr/sbin/mysqld --daemonize --pid-file=/var/run/mysqld/mysqld.pid',
    executablePath: '/usr/sbin/mysqld',
    workingDirectory: '/var/lib/mysql',
    userName: 'mysql',
    userDomain: '',
    role: 'databaseServer',
  });
}

export function oracleListener(): Software {
  return sw({
    executable: 'tnslsnr',
    description: 'Oracle Net Listener',
    company: 'Oracle Corporation',
    productName: 'Oracle Database 19c Enterprise Edition',
    productVersion: '19.3.0.0.0',
    commandLine: '/u01/app/oracle/product/19.0.0/dbhome_1/bin/tnslsnr LISTENER -inherit',
    executablePath: '/u01/app/oracle/product/19.0.0/dbhome_1/bin/tnslsnr',
    workingDirectory: '/u01/app/oracle',
    userName: 'oracle',
    userDomain: '',
    role: 'databaseServer',
  });
}

export function redis(version: string): Software {
  return sw({
    executable: 'redis-server',
    description: 'Redis in-memory data store',
    company: 'Redis Ltd.',
    productName: 'Redis',
    productVersion: version,
    commandLine: '/usr/bin/redis-server 127.0.0.1:6379',
    executablePath: '/usr/bin/redis-server',
    workingDirectory: '/var/lib/redis',
    userName: 'redis',
    userDomain: '',
    role: 'databaseServer',
  });
}

export function sshd(version: string): Software {
  return sw({
    executable: 'sshd',
    description: 'OpenSSH SSH daemon',
    company: 'OpenBSD Project',
    productName: 'OpenSSH',
    productVersion: version,
    commandLine: '/usr/sbin/sshd -D',
    executablePath: '/usr/sbin/sshd',
    workingDirectory: '/',
    userName: 'root',
    userDomain: '',
  });
}

export function sshClient(version: string): Software {
  return sw({
    executable: 'ssh',
    description: 'OpenSSH SSH client',
    company: 'OpenBSD Project',
    productName: 'OpenSSH',
    productVersion: version,
    commandLine: 'ssh -i /home/ops/.ssh/id_rsa ops@acme-app01',
    executablePath: '/usr/bin/ssh',
    workingDirectory: '/home/ops',
    userName: 'ops',
    userDomain: '',
  });
}

export function curl(version: string): Software {
  return sw({
    executable: 'curl',
    description: 'command line tool for transferring data with URL syntax',
    company: 'curl project',
    productName: 'curl',
    productVersion: version,
    commandLine: 'curl -sS --retry 3 -o /tmp/update.tar.gz https://packages.contoso-mirror.net/releases/latest.tar.gz',
    executablePath: '/usr/bin/curl',
    workingDirectory: '/root',
    userName: 'root',
    userDomain: '',
  });
}

export function omsAgent(): Software {
  return sw({
    executable: 'omsagent',
    description: 'OMS Agent for Linux (fluentd)',
    company: 'Microsoft Corporation',
    productName: 'OMS Agent for Linux',
    productVersion: '1.13.40',
    commandLine:
      '/opt/microsoft/omsagent/ruby/bin/ruby /opt/microsoft/omsagent/bin/omsagent -d /var/opt/microsoft/omsagent/run/omsagent.pid -o /var/opt/microsoft/omsagent/log/omsagent.log -c /etc/opt/microsoft/omsagent/conf/omsagent.conf',
    executablePath: '/opt/microsoft/omsagent/ruby/bin/ruby',
    workingDirectory: '/var/opt/microsoft/omsagent',
    userName: 'omsagent',
    userDomain: '',
    group: 'Microsoft Monitoring Agent',
  });
}

export function prometheus(): Software {
  return sw({
    executable: 'prometheus',
    description: 'Prometheus monitoring system',
    company: 'The Prometheus Authors',
    productName: 'Prometheus',
    productVersion: '2.27.1',
    commandLine:
      '/usr/local/bin/prometheus --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/var/lib/prometheus/',
    executablePath: '/usr/local/bin/prometheus',
    workingDirectory: '/var/lib/prometheus',
    userName: 'prometheus',
    userDomain: '',
  });
}

export function grafana(): Software {
  return sw({
    executable: 'grafana-server',
    description: 'Grafana server',
    company: 'Grafana Labs',
    productName: 'Grafana',
    productVersion: '7.5.7',
    commandLine: '/usr/sbin/grafana-server --config=/etc/grafana/grafana.ini --homepath=/usr/share/grafana',
    executablePath: '/usr/sbin/grafana-server',
    workingDirectory: '/usr/share/grafana',
    userName: 'grafana',
    userDomain: '',
    role: 'webServer',
  });
}

export function postfix(): Software {
  return sw({
    executable: 'master',
    description: 'Postfix master process',
    company: 'Postfix',
    productName: 'Postfix',
    productVersion: '2.10.1',
    commandLine: '/usr/libexec/postfix/master -w',
    executablePath: '/usr/libexec/postfix/master',
    workingDirectory: '/var/spool/postfix',
    userName: 'root',
    userDomain: '',
  });
}

export function baculaFd(): Software {
  return sw({
    executable: 'bacula-fd',
    description: 'Bacula file daemon',
    company: 'Kern Sibbald',
    productName: 'Bacula',
    productVersion: '7.0.5',
    commandLine: '/usr/sbin/bacula-fd -c /etc/bacula/bacula-fd.conf',
    executablePath: '/usr/sbin/bacula-fd',
    workingDirectory: '/var/lib/bacula',
    userName: 'root',
    userDomain: '',
  });
}

export function hyperVManagement(): Software {
  return sw({
    executable: 'vmms.exe',
    description: 'Virtual Machine Management Service',
    company: MS,
    productName: WIN_OS,
    productVersion: '10.0.14393.0',
    commandLine: 'C:\\Windows\\system32\\vmms.exe',
    executablePath: `${SYSTEM32}\\vmms.exe`,
    workingDirectory: SYSTEM32,
    userName: 'SYSTEM',
    userDomain: 'NT AUTHORITY',
    services: ['vmms'],
  });
}

export function erpService(): Software {
  return sw({
    executable: 'AcmeErp.Service.exe',
    description: 'Acme ERP application service',
    company: 'Acme Corp',
    productName: 'Acme ERP',
    productVersion: '4.2.1907.3',
    commandLine:
      '"D:\\Apps\\AcmeErp\\AcmeErp.Service.exe" /service /connection "Server=localhost;Database=ERP;Integrated Security=SSPI"',
    executablePath: 'D:\\Apps\\AcmeErp\\AcmeErp.Service.exe',
    workingDirectory: 'D:\\Apps\\AcmeErp',
    userName: 'svc-erp',
    userDomain: 'ACME',
    role: 'appServer',
    services: ['AcmeErp'],
  });
}
