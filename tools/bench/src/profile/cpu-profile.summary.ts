import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a process spent its CPU: self time by package (node_modules/<pkg>, dist/<apps|libs>/<name>,
 * node internals) and by function, in % of the profiled time (idle included, so busy = 100 − idle).
 */
export function profileSummary(file: string, top = 25): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPkg = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, t] of self) {
    const cf = byId.get(id)?.callFrame;
    if (!cf) continue;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(cf.url)?.[1] ?? /dist\/((?:apps|libs|tools)\/[^/]+)/.exec(cf.url)?.[1] ?? (cf.url || cf.functionName);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
    const fn = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop() ?? ''}:${cf.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
  }
  const lines = (m: Map<string, number>): string[] =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(6)} %  ${k}`);
  return [`${file}: ${(total / 1e6).toFixed(1)} s profiled`, '', 'by package:', ...lines(byPkg), '', 'by function:', ...lines(byFn)].join('\n');
}
