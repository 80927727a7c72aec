/**
 * The canvas leaves a text unclipped only when it surely fits where shared/diagram put it
 * (renderer/src/canvas/text-fit.ts): anything the font tables cannot vouch for keeps its clip,
 * so dropping the clips never changes the drawing.
 */
import { describe, expect, it } from 'vitest';
import { NAME_WIDTH, textWidth, wrapName, type PortRow } from '../../../shared/diagram/metrics';
import { measuredChars, nodeTextClips, portRowFits, surelyFits } from '../../../renderer/src/canvas/text-fit';
import { projectToFlow } from '../../../renderer/src/flow';
import type { ComponentNode } from '../../../renderer/src/flow';
import { template } from '../../support/fixtures';

const port = (label: string, number = 443, protocol: PortRow['protocol'] = 'https'): PortRow => ({
  name: 'p',
  number,
  protocol,
  label,
});

describe('text fit', () => {
  it('knows only the characters the font tables measured', () => {
    expect(measuredChars('nextauth 3 · https://a.example.com/x?y=1')).toBe(true);
    for (const hostile of ['日本', 'a\u0301', '🙂', 'tab\there', 'zero\u200bwidth', 'bidi\u202e'])
      expect(measuredChars(hostile), JSON.stringify(hostile)).toBe(false);
  });

  it('fits a measured text within its width, and not one pixel beyond', () => {
    const text = 'Reverse proxy';
    const w = textWidth(text, 'Inter 400', 12);
    expect(surelyFits(text, w, 'Inter 400', 12)).toBe(true);
    expect(surelyFits(text, w - 0.5, 'Inter 400', 12)).toBe(false);
    // An unmeasured character is never vouched for, however wide the room.
    expect(surelyFits('日', 10_000, 'Inter 400', 12)).toBe(false);
  });

  it('clips a port label that the number and protocol leave too little room for', () => {
    expect(portRowFits(port(''))).toBe(true);
    expect(portRowFits(port('WebSockets'))).toBe(true);
    expect(portRowFits(port('A label far too long to sit beside a port number in one row'))).toBe(false);
    expect(portRowFits(port('WebSockets 🙂'))).toBe(false);
  });

  it('clips each node text on its own', () => {
    const long = 'Apple Push Notification service for every device of every customer';
    const clips = nodeTextClips(wrapName(long), 'Reverse proxy', [port(''), port('x'.repeat(80))]);
    expect(clips).toEqual({ name: false, kind: false, ports: [false, true] });
    expect(nodeTextClips(['名前'], 'Reverse proxy', []).name).toBe(true);
    expect(nodeTextClips(['proxy'], 'y'.repeat(200), []).kind).toBe(true);
    // wrapName's lines fit by construction (the same measure): unclipped.
    for (const line of wrapName(long)) expect(textWidth(line)).toBeLessThanOrEqual(NAME_WIDTH);
  });

  it('the templates draw every label and most node texts unclipped', () => {
    const g = projectToFlow(template('manual'));
    expect(g.labels.filter((l) => l.clip)).toEqual([]);
    const nodes = g.nodes.filter((n): n is ComponentNode => n.type === 'component');
    expect(nodes.filter((n) => n.data.clips.name)).toEqual([]);
  });

  it('a label with badges keeps its clip (their drawn width is not measured)', () => {
    const project = template('manual');
    const id = project.links[0]!.id;
    const g = projectToFlow(project, [
      { rule: 'test', severity: 'error', message: 'm', elements: [{ type: 'link', id }] },
    ]);
    expect(g.labels.find((l) => l.id === id)!.clip).toBe(true);
    expect(g.labels.filter((l) => l.clip).map((l) => l.id)).toEqual([id]);
  });
});
