/** The render operator's request, as the results panel reads it (src/backends/queryBackend.ts RenderInfo). */
import type { RenderInfo } from '../results/queryResult';
import type { RenderSpec } from './plan/types';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) {
    return v.map(String);
  }
  return typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function renderInfo(spec: RenderSpec): RenderInfo {
  const p = spec.properties;
  const info: { -readonly [K in keyof RenderInfo]: RenderInfo[K] } = { visualization: spec.visualization };
  const set = <K extends keyof RenderInfo>(key: K, value: RenderInfo[K] | undefined): void => {
    if (value !== undefined) {
      info[key] = value;
    }
  };
  set('title', str(p.title));
  set('kind', str(p.kind));
  set('xcolumn', str(p.xcolumn));
  set('ycolumns', list(p.ycolumns));
  set('series', list(p.series));
  set('xtitle', str(p.xtitle));
  set('ytitle', str(p.ytitle));
  set('legend', str(p.legend));
  set('ymin', num(p.ymin));
  set('ymax', num(p.ymax));
  set('ysplit', str(p.ysplit));
  if (p.accumulate !== undefined) {
    info.accumulate = p.accumulate === true || p.accumulate === 'true';
  }
  return info;
}
