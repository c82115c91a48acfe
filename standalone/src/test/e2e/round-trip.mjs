// Opens one rule-set version in the rule editor's dmn-js and saves it again untouched, as a
// business user who opens a file and presses save would (issue 10: a file saved by Camunda
// Modeler must come back out of the editor with nothing lost). Prints {"version": <the new draft>}.
//
// Environment: BASE_URL, CHROMIUM, PASSWORD, ARTIFACTS (as rules-editor.mjs), VERSION (to open).
import { chromium } from 'playwright-core';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
try {
  await page.goto(process.env.BASE_URL + '/admin/rules');
  await page.fill('#username', 'editor');
  await page.fill('#password', process.env.PASSWORD);
  await page.click('#sign-in-button');
  const row = `#version-rows tr[data-version="${process.env.VERSION}"]`;
  await page.click(row + ' button[data-action="open"]');
  await page.waitForSelector('#views button.current[data-decision="loanDecision"]');
  await page.click('#views button[data-action="view-drd"]');
  await page.waitForSelector('.djs-container');
  await page.fill('#comment', 'round trip through dmn-js');
  await page.click('#save-draft');
  await page.waitForFunction(() => document.getElementById('problems').dataset.saved
    || document.querySelector('#problems li'), null, { timeout: 15000 });
  const saved = await page.locator('#problems').getAttribute('data-saved');
  if (!saved) {
    throw new Error('the untouched version was refused: ' + await page.locator('#problems').textContent());
  }
  console.log(JSON.stringify({ version: saved }));
} catch (error) {
  await page.screenshot({ path: (process.env.ARTIFACTS || '.') + '/round-trip-failure.png', fullPage: true })
    .catch(() => {});
  console.error('round trip failed: ' + error.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
