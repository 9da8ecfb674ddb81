/**
 * The one question asked before the Log Analytics sign-in token goes to an endpoint that is not an
 * Azure Monitor host (kql.logAnalytics.endpoint set to a proxy or a private endpoint): a modal dialog
 * that names the host. A "yes" is remembered per host in the extension's global state, so it is asked
 * once; a "no" (or closing the dialog) sends nothing and asks again next time.
 */
import * as vscode from 'vscode';
import type { EndpointApprover } from '../backends/logAnalytics/endpointPolicy';
import { log } from './log';

const CONFIRMED_HOSTS_KEY = 'kql.logAnalytics.confirmedEndpointHosts';
const USE = 'Send My Token to This Host';

export function confirmedEndpointHosts(state: vscode.Memento): string[] {
  const v = state.get<unknown>(CONFIRMED_HOSTS_KEY);
  return Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string') : [];
}

export function endpointApprover(state: vscode.Memento): EndpointApprover {
  return async (host, endpoint) => {
    if (confirmedEndpointHosts(state).includes(host)) {
      return true;
    }
    const choice = await vscode.window.showWarningMessage(
      `Send your Log Analytics sign-in token to ${host}?`,
      {
        modal: true,
        detail:
          `The setting kql.logAnalytics.endpoint is ${endpoint}. ${host} is not an Azure Monitor Log Analytics host ` +
          'of the public, US Government or China cloud, so whoever runs it would receive your Microsoft access token ' +
          "with every query. Continue only if it is your organisation's proxy or private endpoint. " +
          'Your answer is remembered for this host.',
      },
      USE,
    );
    if (choice !== USE) {
      log.warn(`Log Analytics endpoint ${host} was not confirmed; nothing was sent to it.`);
      return false;
    }
    await state.update(CONFIRMED_HOSTS_KEY, [...confirmedEndpointHosts(state), host]);
    log.info(`Log Analytics endpoint ${host} confirmed.`);
    return true;
  };
}
