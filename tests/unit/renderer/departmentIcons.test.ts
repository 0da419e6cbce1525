// Every department of the demo hall gets a pictogram of its own on the kiosk: an icon key the
// kiosk knows (an unknown key falls back to the building, which is how four departments came
// to share one) and a drawing no other department has.
// Mutation checked: removing the `receipt` icon → 税务 names a key the kiosk does not know (first test).
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DepartmentIcon, departmentIconNames } from '../../../renderer/shared/components/Icons';

const demo = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'), 'utf8')) as { departments: { id: string; icon?: string }[] };
const drawing = (name: string) => renderToStaticMarkup(createElement(DepartmentIcon, { name }));

describe('the demo hall departments on the kiosk', () => {
  it('name icon keys the kiosk knows', () => {
    expect(demo.departments.filter((d) => !departmentIconNames.includes(d.icon ?? 'building')).map((d) => `${d.id}: ${d.icon}`)).toEqual([]);
  });

  it('each get a drawing of their own', () => {
    const byDrawing = new Map<string, string[]>();
    for (const d of demo.departments) byDrawing.set(drawing(d.icon ?? 'building'), [...(byDrawing.get(drawing(d.icon ?? 'building')) ?? []), d.id]);
    expect([...byDrawing.values()].filter((ids) => ids.length > 1)).toEqual([]);
  });
});
