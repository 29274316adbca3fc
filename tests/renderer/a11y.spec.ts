import type { Page } from '@playwright/test';
import { expect, liveFeed, rows, test } from '../support/renderer-fixtures';

/** Controls without an accessible name in the current DOM (aria-hidden subtrees excepted). */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, textarea, [role="option"], [role="listbox"], [role="switch"], [role="radiogroup"], [tabindex="0"]',
    );
    for (const el of controls) {
      if (el.closest('[aria-hidden="true"]') || el.closest('[inert]')) continue;
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      const labelledBy = el.getAttribute('aria-labelledby');
      const labelled = labelledBy
        ? labelledBy
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join('')
        : '';
      const labels =
        'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '').join('') : '';
      const own =
        el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
          ? ''
          : (el.textContent ?? '');
      const name = (el.getAttribute('aria-label') ?? '') + labelled + labels + own + (el.getAttribute('title') ?? '');
      if (name.trim() === '') out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
}

test('every control has an accessible name, in every view', async ({ app, harness, sse }) => {
  await liveFeed(app, harness, sse, '/events', 'Events');
  sse.send({ id: 'a-1', event: 'note', data: JSON.stringify({ title: 'Hello', nested: { list: [1, 2] } }) });
  await rows(app).first().click();
  await app.getByRole('button', { name: 'Filters' }).click();
  expect(await unnamedControls(app)).toEqual([]);

  await app
    .getByRole('navigation')
    .getByRole('button', { name: /Events/ })
    .click();
  await app.getByRole('button', { name: 'Edit feed' }).click();
  await app.getByRole('button', { name: 'Add header' }).click();
  await app.getByRole('radio', { name: 'Only these types' }).check();
  expect(await unnamedControls(app)).toEqual([]);
  await app.keyboard.press('Escape');

  for (const open of ['Diagnostics', 'Settings', 'Import / export']) {
    await app.getByRole('button', { name: open }).click();
    await expect(app.getByRole('dialog')).toBeVisible();
    expect(await unnamedControls(app), open).toEqual([]);
    await app.keyboard.press('Escape');
    await expect(app.getByRole('dialog')).toBeHidden();
  }
});

test('keyboard focus is always visible', async ({ app }) => {
  await app.keyboard.press('Tab');
  await app.keyboard.press('Tab');
  const outline = await app.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return { tag: el.tagName, style: style.outlineStyle, width: style.outlineWidth };
  });
  expect(outline.tag).toBe('BUTTON');
  expect(outline.style).toBe('solid');
  expect(outline.width).toBe('2px');
});
