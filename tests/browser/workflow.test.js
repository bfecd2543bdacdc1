// workflow.test.js — the browser test: a member writes and submits a
// registration, the cell's committee officer approves it, the dashboard's
// figures change, and the public page shows a key cadre's registration only
// after publication; a member activates their account on a phone.
// Headless Debian chromium driven by playwright-core;
// screenshots at phone (360 px) and desktop widths are kept in SHOTS.
// Usage: node workflow.test.js BASE_URL SHOTS_DIR   (prints "RESULT p f")
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

async function login(page, user, password) {
  await page.goto(`${base}/dang-nhap`);
  await page.fill('#login', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

async function shot(page, name) {
  for (const [label, width] of [['phone', 360], ['desktop', 1280]]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${shots}/${name}-${label}.png`, fullPage: true });
  }
  // no horizontal scrolling of the page itself on a phone
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(`${name} fits a 360-pixel phone`, overflow <= 1, `overflows by ${overflow}px`);
}

async function registeredFigure(page) {
  await page.goto(`${base}/tong-quan?don_vi=DB-TT-01&nam=2027`);
  const cards = await page.locator('.card .k').allTextContents();
  const reg = cards.find(t => t.startsWith('Đăng ký làm theo')) || '';
  return reg.replace(/\s+/g, ' ');
}

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
           '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    const officer = await (await browser.newContext()).newPage();
    await login(officer, 'bithu.tantieng', 'tantieng-demo-2020');
    const before = await registeredFigure(officer);

    // the member writes and submits
    const member = await (await browser.newContext()).newPage();
    await login(member, 'dangvien.tantieng', 'dangvien-demo-2020');
    check('member lands on their own page', /\/nguoi\/CL\d+/.test(member.url()), member.url());
    await member.fill('#nam', '2027');
    await Promise.all([member.waitForNavigation(), member.click('form[action$="/dang-ky"] button')]);
    check('registration page opened', /\/dang-ky\/\d+$/.test(member.url()), member.url());
    const regUrl = member.url();
    await member.fill('textarea[name=noi_dung]', 'Vận động bà con giữ gìn đường làng sạch đẹp');
    await Promise.all([member.waitForNavigation(), member.click('form[action$="/noi-dung"] button')]);
    check('item added', (await member.content()).includes('giữ gìn đường làng'));
    await shot(member, 'registration-draft');
    await Promise.all([member.waitForNavigation(), member.click('form[action$="/gui"] button')]);
    check('submitted', (await member.locator('.status').first().textContent()).includes('Chờ duyệt'));

    // the officer approves from the dashboard's waiting list
    const after = await registeredFigure(officer);
    check('dashboard figure changed after submission', before !== after, `${before} -> ${after}`);
    await officer.goto(regUrl);
    await Promise.all([officer.waitForNavigation(), officer.click('form[action$="/duyet"] button')]);
    check('approved', (await officer.locator('.status').first().textContent()).includes('Đã duyệt'));
    await officer.goto(`${base}/tong-quan?don_vi=DB-TT&nam=2020`);
    check('dashboard has charts', (await officer.locator('svg').count()) >= 2);
    await shot(officer, 'dashboard');

    // a key cadre's registration reaches the public page only when published
    const mark = 'Tổ chức tiếp dân định kỳ mỗi tuần';
    const people = await (await officer.request.get(`${base}/api/v1/people?unit=DB-TT`)).json();
    const key = people.find(p => p.key_cadre === 1 && p.unit_code === 'DB-TT');
    check('a key cadre of the commune', !!key);
    await officer.goto(`${base}/nguoi/${key.code}`);
    await officer.fill('#nam', '2027');
    await Promise.all([officer.waitForNavigation(), officer.click('form[action$="/dang-ky"] button')]);
    const keyReg = officer.url();
    await officer.fill('textarea[name=noi_dung]', mark);
    await Promise.all([officer.waitForNavigation(), officer.click('form[action$="/noi-dung"] button')]);
    await Promise.all([officer.waitForNavigation(), officer.click('form[action$="/gui"] button')]);
    await Promise.all([officer.waitForNavigation(), officer.click('form[action$="/duyet"] button')]);
    const anon = await (await browser.newContext()).newPage();
    await anon.goto(`${base}/cong-khai/dang-ky?don_vi=DB-TT&nam=2027`);
    check('not public before publication', !(await anon.content()).includes(mark));
    await officer.goto(keyReg);
    await Promise.all([officer.waitForNavigation(), officer.click('form[action$="/cong-khai"] button')]);
    check('published', (await officer.locator('.status').first().textContent()).includes('Đã công khai'));
    await anon.goto(`${base}/cong-khai/dang-ky?don_vi=DB-TT&nam=2027`);
    check('public after publication', (await anon.content()).includes(mark));
    await shot(anon, 'public-registrations');
    await anon.goto(`${base}/cong-khai/mo-hinh?nam=2020`);
    check('LED model public', (await anon.content()).includes('huyện lộ 41'));
    await shot(anon, 'public-models');

    // a member activates their account on a phone (t_browser.sh made it):
    // in with the code from their slip, their own password, their page
    if (process.env.ACT_LOGIN) {
      const m = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
      await login(m, process.env.ACT_LOGIN, process.env.ACT_CODE);
      check('sent to choose a password', m.url().endsWith('/mat-khau'), m.url());
      check('told why', (await m.content()).includes('Bạn đã vào bằng mã kích hoạt'));
      await shot(m, 'activation');
      await m.fill('#moi', 'mat-khau-cua-toi-2026');
      await m.fill('#nhap_lai', 'mat-khau-cua-toi-2026');
      await Promise.all([m.waitForNavigation(), m.click('form[action="/mat-khau"] button')]);
      check('lands on their own page', /\/nguoi\/CL\d+/.test(m.url()), m.url());
      check('told the password is saved', (await m.content()).includes('Đã lưu mật khẩu mới'));
      await shot(m, 'activated');
      await officer.goto(`${base}/tai-khoan?don_vi=DB-TT-05`);
      check('the officer sees it active', (await officer.content()).includes('Đang dùng'));
      await shot(officer, 'accounts');
    }
  } catch (err) {
    failed++;
    console.log(`FAIL: ${err.message}`);
  } finally {
    await browser.close();
  }
  console.log(`RESULT ${passed} ${failed}`);
})();
