// walk.test.js — each role's pages walked as a new user would, at a 360-pixel
// phone and a 1280-pixel desktop: where each one lands, every page of their
// menu, the message after an action, the error beside a field, the language
// switch keeping the page.  On every page reached: no raw code or ISO time
// in what is shown, and on the phone no form control narrower than 120 px.
// Screenshots of every step go to SHOTS.
// Usage: node walk.test.js BASE_URL SHOTS_DIR   (prints "RESULT p f")
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');

const base = process.argv[2];
const shots = process.argv[3] || '.';
let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) passed++;
  else { failed++; console.log(`FAIL: ${name}${detail ? ': ' + detail : ''}`); }
}

// words that are codes, never shown to a Vietnamese reader
const RAW = /\b(draft|inspection|supervision|submitted|returned|approved|published|self_assessed|evaluated|cell_meeting|grassroots_committee|grassroots_cell|party_member|civil_servant|not_completed|cli:[a-z]+)\b/;
const ISO = /\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?/;

let step = 0;
async function look(page, role, width) {
  const name = `${String(++step).padStart(3, '0')}-${role}-${width}-${new URL(page.url()).pathname.replace(/[^a-z0-9]+/gi, '_')}`;
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const text = await page.evaluate(() => document.body.innerText);
  const raw = text.match(RAW), iso = text.match(ISO);
  check(`${name}: no raw code`, !raw, raw && raw[0]);
  check(`${name}: no ISO date`, !iso, iso && iso[0]);
  if (width === 360) {
    const narrow = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter(el => el.type !== 'hidden' && el.type !== 'radio' && el.type !== 'checkbox' && el.offsetParent)
      .filter(el => el.getBoundingClientRect().width < 120)
      .map(el => el.name || el.id).slice(0, 3));
    check(`${name}: controls are wide enough on a phone`, narrow.length === 0, narrow.join(', '));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`${name}: fits the phone`, overflow <= 1, `overflows by ${overflow}px`);
  }
  return text;
}

async function login(page, user, password) {
  await page.goto(`${base}/dang-nhap`);
  await page.fill('#login', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/dang-nhap"] button[type=submit]')]);
}

// every page of the role's menu, as links (not the language switch)
async function walkMenu(page, role, width) {
  const links = await page.evaluate(() => [...document.querySelectorAll('nav a')]
    .map(a => a.getAttribute('href')).filter(h => h && h.startsWith('/') && !h.includes('lang=')));
  for (const href of links) {
    const resp = await page.goto(base + href);
    check(`${role} ${width}: ${href} opens`, resp && resp.status() === 200, resp && resp.status());
    await look(page, role, width);
  }
}

const roles = [
  ['member', 'dangvien.tantieng', 'dangvien-demo-2020', /\/nguoi\/CL\d+/, 'Việc của bạn năm'],
  ['officer', 'bithu.tantieng', 'tantieng-demo-2020', /\/viec-can-lam/, 'Việc cần làm — Đảng bộ xã Tân Thiềng'],
  ['viewer', 'xem.sondinh', 'sondinh-demo-2020', /\/viec-can-lam/, 'Việc cần làm — Đảng bộ xã Sơn Định'],
  ['admin', 'quantri', 'quantri-demo-2020', /\/viec-can-lam/, 'Việc cần làm'],
];

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
           '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const width of [360, 1280]) {
      for (const [role, user, password, lands, says] of roles) {
        const page = await (await browser.newContext({ viewport: { width, height: 800 } })).newPage();
        await login(page, user, password);
        check(`${role} ${width} lands where their work is`, lands.test(page.url()), page.url());
        const text = await look(page, role, width);
        check(`${role} ${width} is told what to do`, text.includes(says), text.slice(0, 200));
        await walkMenu(page, role, width);
        await page.context().close();
      }
      // a citizen finds their commune by a name typed without diacritics
      const anon = await (await browser.newContext({ viewport: { width, height: 800 } })).newPage();
      await anon.goto(`${base}/cong-khai/`);
      await anon.fill('#q', 'tan thieng');
      await Promise.all([anon.waitForNavigation(), anon.click('form[action="/cong-khai/"] button')]);
      check(`citizen ${width} finds the commune`, (await anon.content()).includes('Tân Thiềng'));
      await look(anon, 'citizen', width);
      await anon.context().close();
    }

    // the officer at 360: a unit by name, an error beside its field, a message after saving
    const o = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
    await login(o, 'bithu.tantieng', 'tantieng-demo-2020');
    await o.goto(`${base}/tong-quan`);
    // the picker's names are not in the page; they come when the box is used
    check('the picker list is empty before the box is used',
          (await o.locator('#don_vi-ds option').count()) === 0);
    await o.focus('#don_vi');
    await o.waitForFunction(() => document.querySelectorAll('#don_vi-ds option').length > 0);
    const names = await o.$$eval('#don_vi-ds option', os => os.map(x => x.value));
    check('the picker lists the commune and its cells by name',
          names[0] === 'Đảng bộ xã Tân Thiềng' && names.includes('Chi bộ ấp 2, xã Tân Thiềng') &&
          !names.some(n => /^DB-/.test(n)), names.slice(0, 3).join(' | '));
    await o.fill('#don_vi', 'ap 2');
    await Promise.all([o.waitForNavigation(), o.click('form[action="/tong-quan"] button')]);
    check('a unit chosen by typing part of its name', (await o.textContent('h1')).includes('Chi bộ ấp 2'),
          await o.textContent('h1'));
    await look(o, 'officer', 360);
    await o.goto(`${base}/don-vi/DB-TT`);
    const form = 'form[action="/don-vi/DB-TT/kiem-tra"]';
    await o.focus(`${form} #don_vi_kiem_tra`);
    await o.waitForFunction(() => document.querySelectorAll('#don_vi_kiem_tra-ds option').length > 0);
    const inspectors = await o.$$eval('#don_vi_kiem_tra-ds option', os => os.map(x => x.value));
    check('an inspecting unit may be one above the commune',
          inspectors.includes('Đảng bộ tỉnh Vĩnh Long') && inspectors.includes('Đảng bộ xã Tân Thiềng'),
          inspectors.slice(0, 4).join(' | '));
    await o.fill(`${form} #don_vi_kiem_tra`, 'Đảng bộ xã Tân Thiềng');
    await o.fill(`${form} input[name=ngay]`, '31/02/2026');
    await o.fill(`${form} textarea[name=noi_dung]`, 'Giám sát việc học tập chuyên đề');
    await Promise.all([o.waitForNavigation(), o.click(`${form} button[type=submit]`)]);
    const err = o.locator('.field-error');
    check('the error is beside the date', (await err.count()) === 1 &&
          (await o.evaluate(() => document.querySelector('.field-error').previousElementSibling.name)) === 'ngay');
    check('what was typed is kept', (await o.inputValue(`${form} textarea[name=noi_dung]`)).includes('Giám sát'));
    await look(o, 'officer', 360);
    await o.fill(`${form} input[name=ngay]`, '28/02/2026');
    await Promise.all([o.waitForNavigation(), o.click(`${form} button[type=submit]`)]);
    check('saved, and told so', (await o.locator('.done').count()) === 1, o.url());
    await look(o, 'officer', 360);

    // the language switch keeps the page and its parameters
    await o.goto(`${base}/tong-quan?don_vi=DB-TT-01&nam=2024`);
    await Promise.all([o.waitForNavigation(), o.click('a.lang')]);
    const u = new URL(o.url());
    check('English keeps the unit and year', u.searchParams.get('don_vi') === 'DB-TT-01' &&
          u.searchParams.get('nam') === '2024', o.url());
    check('and is English', (await o.textContent('h1')).includes('year 2024'), await o.textContent('h1'));
    await o.screenshot({ path: `${shots}/${String(++step).padStart(3, '0')}-officer-360-english.png`, fullPage: true });
  } catch (err) {
    failed++;
    console.log(`FAIL: ${err.message}`);
  } finally {
    await browser.close();
  }
  console.log(`RESULT ${passed} ${failed}`);
})();
