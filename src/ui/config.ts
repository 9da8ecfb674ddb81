/** Typed access to the `kql.*` settings declared in package.json. */
import * as vscode from 'vscode';
import type { BackendId, TimeRange } from '../results/queryResult';

export type AzureCloud = 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export class Config {
  private get<T>(key: string): T | undefined {
    return vscode.workspace.getConfiguration('kql').get<T>(key);
  }

  get backend(): BackendId {
    return this.get<string>('backend') === 'logAnalytics' ? 'logAnalytics' : 'local';
  }
  /** An ISO-8601 duration, or 'query' when the query sets its own window. */
  get timeRangeSetting(): string {
    return this.get<string>('timeRange') ?? 'PT24H';
  }
  get timeRange(): TimeRange | undefined {
    const d = this.timeRangeSetting;
    return d === 'query' ? undefined : { duration: d };
  }
  get dataFolder(): string {
    return this.get<string>('local.dataFolder') ?? '';
  }
  get rowLimit(): number {
    return this.get<number>('local.rowLimit') ?? 500_000;
  }
  get localMemoryLimitMb(): number {
    return this.get<number>('local.memoryLimitMB') ?? 1024;
  }
  get localResultLimitMb(): number {
    return this.get<number>('local.resultLimitMB') ?? 64;
  }
  get localTimeoutMs(): number {
    return (this.get<number>('local.timeoutSeconds') ?? 120) * 1000;
  }
  get workspaceId(): string {
    return (this.get<string>('logAnalytics.workspaceId') ?? '').trim();
  }
  get cloud(): AzureCloud {
    return this.get<AzureCloud>('logAnalytics.cloud') ?? 'AzurePublicCloud';
  }
  get endpointOverride(): string {
    return (this.get<string>('logAnalytics.endpoint') ?? '').trim();
  }
  get serverTimeoutSeconds(): number {
    return this.get<number>('logAnalytics.serverTimeoutSeconds') ?? 180;
  }
  get liveValues(): boolean {
    return this.get<boolean>('completion.liveValues') ?? true;
  }
  get maxChartPoints(): number {
    return this.get<number>('results.maxChartPoints') ?? 20_000;
  }

  async update(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('kql').update(key, value, vscode.ConfigurationTarget.Global);
  }
}
