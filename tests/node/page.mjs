// Opens the HTML report in headless Chromium (the system's, through
// puppeteer-core), checks it with axe-core against WCAG 2.1 A and AA, and
// saves what a reader sees: a screenshot of the page, one of its print
// layout, and the PDF Chromium prints (A4). Prints axe's findings as JSON.
//
//   node page.mjs CHROMIUM REPORT.html OUT-DIR
import { createRequire } from 'module';
import { readFileSync } from 'fs';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const [chromium, page, out] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1100, height: 1400 });
  await tab.goto('file://' + page, { waitUntil: 'load' });
  await tab.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const results = await tab.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  await tab.screenshot({ path: out + '/screen.png', fullPage: true });
  await tab.emulateMediaType('print');
  await tab.screenshot({ path: out + '/print.png', fullPage: true });
  await tab.pdf({ path: out + '/report.pdf', format: 'A4', printBackground: true });
  const summary = (list) =>
    list.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '')) }));
  console.log(
    JSON.stringify({
      violations: summary(results.violations),
      incomplete: summary(results.incomplete),
      passes: results.passes.map((v) => v.id),
    }),
  );
} finally {
  await browser.close();
}
