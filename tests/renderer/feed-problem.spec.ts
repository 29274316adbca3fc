/**
 * A feed that is not receiving (stopped, retrying, paused) says why once, in plain words and in the window's
 * language, from core's codes; its empty list offers the way out.
 */
import { addFeedAndSelect, expect, rows, test } from '../support/renderer-fixtures';

test('a feed that is not an event stream says so once, in plain words, and its empty list offers the way out', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/page', { kind: 'content-type', contentType: 'text/html' });
  await addFeedAndSelect(app, harness, `${sse.url}/page`, 'Web page');
  const header = app.locator('.view-header');
  await expect(header.locator('.state-label')).toHaveText('Stopped', { timeout: 5000 });

  const problem = app.locator('.feed-problem');
  await expect(problem).toContainText('This feed has stopped');
  await expect(problem.locator('.feed-problem-reason')).toHaveText('Not an event stream: the server sent text/html.');
  await expect(app.getByText('No messages yet')).toHaveCount(0);
  await app.getByRole('button', { name: 'Diagnostics' }).click();
  await expect(app.getByRole('dialog').locator('.diag-reason')).toHaveText(
    'Not an event stream: the server sent text/html.',
  );
  await app.keyboard.press('Escape');

  // The server is fixed; "Reconnect" in the empty list brings the feed back and its messages in.
  sse.setFault('/page', null);
  await problem.getByRole('button', { name: 'Reconnect' }).click();
  await expect(header.locator('.state-label')).toHaveText('Live', { timeout: 5000 });
  await expect(problem).toHaveCount(0);
  sse.send({ id: 'p-1', data: 'back in business' }, '/page');
  await expect(rows(app).first()).toContainText('back in business');
});

test('other stop reasons carry only their detail (the HTTP status), in either language', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/teapot', { kind: 'status', status: 418 });
  await addFeedAndSelect(app, harness, `${sse.url}/teapot`, 'Teapot');
  await expect(app.locator('.feed-problem-reason')).toHaveText('The server refused the request (HTTP 418).', {
    timeout: 5000,
  });

  await app.getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('dialog', { name: 'Settings' }).getByLabel('Language').selectOption('zh-CN');
  await app.getByRole('dialog', { name: '设置' }).getByRole('button', { name: '关闭' }).click();
  await expect(app.locator('.feed-problem-reason')).toHaveText('服务器拒绝了请求（HTTP 418）。');
  await expect(app.locator('.feed-problem .empty-title')).toHaveText('该订阅源已停止，不会自动重试。');
});

test('a feed that cannot be reached yet says it keeps retrying; a paused one offers to resume', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/flaky', { kind: 'status', status: 503 });
  await addFeedAndSelect(app, harness, `${sse.url}/flaky`, 'Flaky');
  const problem = app.locator('.feed-problem');
  await expect(problem).toHaveAttribute('data-state', 'reconnecting', { timeout: 5000 });
  await expect(problem).toContainText('Tidings keeps retrying');
  await expect(problem.locator('.feed-problem-reason')).toContainText('503');

  sse.setFault('/flaky', null);
  await app.getByRole('button', { name: 'Pause all feeds' }).click();
  await expect(problem).toHaveAttribute('data-state', 'paused');
  await problem.getByRole('button', { name: 'Resume all feeds' }).click();
  await expect(app.locator('.view-header .state-label')).toHaveText('Live', { timeout: 10_000 });
  await expect(problem).toHaveCount(0);
});

test('why a feed is retrying is said in the window language too', async ({ app, harness, sse }) => {
  sse.setFault('/busy', { kind: 'status', status: 503 });
  await addFeedAndSelect(app, harness, `${sse.url}/busy`, 'Busy');
  await expect(app.locator('.feed-problem-reason')).toHaveText('Server error (503)', { timeout: 5000 });
  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(app.locator('.feed-problem-reason')).toHaveText('服务器错误（503）');
  await expect(app.locator('.view-header')).toContainText('服务器错误（503）');
  await expect(app.locator('.feed-problem .empty-title')).toHaveText('尚未连上，Tidings 会持续重试。');
});

test('stop reasons are said in Chinese from core’s codes and details, not from its English sentences', async ({
  app,
  harness,
  sse,
}) => {
  sse.setFault('/page', { kind: 'content-type', contentType: 'text/html; charset=utf-8' });
  sse.setFault('/gone', { kind: 'status', status: 404 });
  await addFeedAndSelect(app, harness, `${sse.url}/page`, 'Web page');
  const reason = app.locator('.feed-problem-reason');
  await expect(reason).toHaveText('Not an event stream: the server sent text/html.', { timeout: 5000 });
  await addFeedAndSelect(app, harness, `${sse.url}/gone`, 'Gone');
  await expect(reason).toHaveText('Feed not found on the server.', { timeout: 5000 });

  await harness.handlers['tidings:settings:update']({ language: 'zh-CN' });
  await expect(reason).toHaveText('服务器上找不到该订阅源。');
  await app.getByRole('button', { name: '诊断' }).click();
  await expect(app.getByRole('dialog').locator('.diag-reason')).toHaveText('服务器上找不到该订阅源。');
  await app.keyboard.press('Escape');
  await app
    .locator('nav')
    .getByRole('button', { name: /Web page/ })
    .click();
  await expect(reason).toHaveText('这不是事件流：服务器返回的是 text/html。');
  await expect(app.locator('.view-header')).toContainText('这不是事件流');
});
