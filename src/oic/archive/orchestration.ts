/**
 * The order a flow runs in. project.xml lists its applications and
 * processors grouped by kind; its `orchestration` element (when there is
 * one) holds the flow itself: `receive`, `label`s naming the steps,
 * `assignment`, `transformer`, `invoke`, `router` with `route`s,
 * `for-each`..., each pointing at an application or processor through
 * `refUri`. Steps are taken in that order; of a router only its first route
 * is walked (the branch a run takes is not evaluated). The trigger's
 * receive and reply are not steps.
 */
import type { XmlNode } from './xml';

export interface FlowStep { name: string; type: string; connectionId?: string; operation?: string }
export interface FlowApplication { role: string; step: FlowStep }

export function orderedSteps(orchestration: XmlNode, apps: Map<string, FlowApplication>, procs: Map<string, FlowStep>): FlowStep[] {
  const out: FlowStep[] = [];
  const seen = new Set<string>();
  const walk = (node: XmlNode, label: string | undefined, depth: number): void => {
    if (depth > 64) return;
    for (const c of node.children) {
      if (c.name === 'label') {
        walk(c, c.attrs.name || label, depth + 1);
        continue;
      }
      const ref = c.attrs.refUri?.split('/')[0];
      const before = out.length;
      if (ref && !seen.has(`${c.name}:${c.attrs.refUri}`)) {
        seen.add(`${c.name}:${c.attrs.refUri}`);
        const app = apps.get(ref);
        const proc = procs.get(ref);
        if (app && app.role === 'target') out.push(app.step);
        else if (proc && c.name !== 'route') out.push(label && !app ? { ...proc, name: label } : proc);
      }
      if (c.name === 'router') {
        const first = c.children.find((r) => r.name === 'route');
        if (first) walk(first, undefined, depth + 1);
        continue;
      }
      // A label names the first step below it.
      walk(c, out.length > before ? undefined : label, depth + 1);
      if (out.length > before) label = undefined;
    }
  };
  walk(orchestration, undefined, 0);
  return out;
}
