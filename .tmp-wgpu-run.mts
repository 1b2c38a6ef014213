import { chromium } from 'playwright';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu'],
});
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
await page.goto('http://127.0.0.1:8765/index.html');
const result = await page.evaluate(async () => await (window as any).result, undefined);
console.log(JSON.stringify(result, null, 0));
await browser.close();
