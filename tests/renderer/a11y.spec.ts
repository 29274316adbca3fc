import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { defaultFeedInput } from '../../electron/main/core/api/feed-service';
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

/** axe-core's serious and critical WCAG 2.2 A/AA violations on the page as it is, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`));
}

for (const theme of ['light', 'dark'] as const) {
  test(`WCAG 2.2 AA (axe-core): no serious or critical violation, ${theme} theme`, async ({ app, harness, sse }) => {
    test.setTimeout(60_000);
    await harness.handlers['tidings:settings:update']({ theme });
    await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
    await liveFeed(app, harness, sse, '/events', 'Events');
    sse.setFault('/gone', { kind: 'status', status: 404 });
    await harness.handlers['tidings:feeds:add']({ ...defaultFeedInput(`${sse.url}/gone`), name: 'Gone' });
    sse.send({ id: 'a-1', event: 'note', data: JSON.stringify({ title: 'Hello', nested: { list: [1, 2] } }) });
    sse.send({ id: 'a-2', data: 'plain text with https://example.com/a link' });
    await expect(rows(app)).toHaveCount(2);
    await rows(app).first().click();
    await app.getByRole('button', { name: 'Filters' }).click();
    expect(await axeViolations(app), 'all messages, detail open, filters open').toEqual([]);

    const nav = app.getByRole('navigation', { name: 'Feeds' });
    await nav.getByRole('button', { name: /Gone/ }).click();
    await expect(app.locator('.feed-problem')).toBeVisible({ timeout: 5000 });
    expect(await axeViolations(app), 'a stopped feed').toEqual([]);

    for (const open of ['Diagnostics', 'Edit feed', 'Settings', 'Import / export']) {
      await app.getByRole('button', { name: open }).first().click();
      await expect(app.getByRole('dialog')).toBeVisible();
      expect(await axeViolations(app), open).toEqual([]);
      await app.keyboard.press('Escape');
      await expect(app.getByRole('dialog')).toBeHidden();
    }
  });
}

test('a feed’s state is told by shape as well as colour; small controls are at least 24 × 24 px', async ({
  app,
  harness,
  sse,
}) => {
  await liveFeed(app, harness, sse, '/events', 'Events');
  sse.setFault('/gone', { kind: 'status', status: 404 });
  await harness.handlers['tidings:feeds:add']({ ...defaultFeedInput(`${sse.url}/gone`), name: 'Gone' });
  const nav = app.getByRole('navigation', { name: 'Feeds' });
  const shape = (name: RegExp) => nav.getByRole('button', { name }).locator('.state-dot svg path');
  await expect(nav.getByRole('button', { name: /Gone/ }).locator('.state-dot')).toHaveAttribute(
    'data-state',
    'stopped',
    { timeout: 5000 },
  );
  const [live, stopped] = [await shape(/Events/).getAttribute('d'), await shape(/Gone/).getAttribute('d')];
  expect(live).toBeTruthy();
  expect(stopped).toBeTruthy();
  expect(live).not.toBe(stopped);

  sse.send({ id: 's-1', data: JSON.stringify({ a: { b: 1 }, c: [1, 2] }) });
  await nav.getByRole('button', { name: /Events/ }).click();
  await rows(app).first().click();
  for (const target of [...(await app.locator('.json-toggle').all()), ...(await app.locator('.icon-button').all())]) {
    const b = await target.boundingBox();
    expect(b, await target.evaluate((el) => el.outerHTML.slice(0, 80))).not.toBeNull();
    // Fold arrows sit one per 20 px line; WCAG 2.2's spacing rule covers them at 20 × 20.
    const min = (await target.getAttribute('class'))?.includes('json-toggle') ? 20 : 24;
    expect(b!.width).toBeGreaterThanOrEqual(min);
    expect(b!.height).toBeGreaterThanOrEqual(min);
  }
});
