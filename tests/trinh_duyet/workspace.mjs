// One clerk's session in Debian's Chromium against `vanban serve`:
// create a công văn from the starter, change its trích yếu, make an error
// and see it at its field, fix it, review, save, download the PDF.
// Usage: node workspace.mjs URL FOLDER   (FOLDER receives the downloaded
// PDF and a screenshot of each step). Exits non-zero on the first failure.
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [url, folder] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "vanban-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1400, height: 900 },
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
const shot = (name) => page.screenshot({ path: path.join(folder, `anh-${name}.png`) });
const timeout = 20000;

try {
  await page.goto(url);
  await page.locator("#moi-loai option[value=cong_van]").waitFor({ state: "attached", timeout });
  await shot("1-danh-sach");

  // A new công văn from the starter.
  await page.click("#van-ban-moi summary");
  await page.selectOption("#moi-loai", "cong_van");
  await page.fill("#moi-ten", "cong-van-thu.toml");
  await page.click("#tao");
  await page.locator("#xem-truoc img").first().waitFor({ timeout });
  await page.locator("#trang-thai", { hasText: /^\d+ trang$/ }).waitFor({ timeout });
  await shot("2-soan-thao");

  // A new trích yếu typed in the form: the TOML text and the page follow.
  await page.fill('#bieu-mau [name="trich_yeu"]', "kiểm thử soạn thảo trong trình duyệt");
  await page.waitForFunction(
    () => document.getElementById("toml").value.includes('trich_yeu = "kiểm thử soạn thảo trong trình duyệt"'),
    null, { timeout });
  await page.locator("#trang-thai", { hasText: /^\d+ trang$/ }).waitFor({ timeout });
  await shot("2b-bieu-mau");

  // The body's toolbar: a word made bold.
  const body = page.locator('#bieu-mau [name="noi_dung"]');
  await body.evaluate((t) => { t.focus(); t.setSelectionRange(0, 3); });
  await page.locator('#bieu-mau .truong[data-truong="noi_dung"] button', { hasText: "Đậm" }).click();
  await page.waitForFunction(() => document.getElementById("toml").value.includes("**Nội** dung"), null, { timeout });

  // The TOML tab edits the file itself.
  await page.click("#the-toml");
  const changed = await page.inputValue("#toml");

  // An impossible date: the message names the field; clicking it selects
  // the line in the text.
  const wrong = changed.replace(/^(trich_yeu = .*)$/m, '$1\nngay = "31/02/2026"');
  await page.fill("#toml", wrong);
  const muc = page.locator('#thong-bao .muc[data-truong="ngay"]');
  await muc.waitFor({ timeout });
  if (!(await muc.textContent()).includes("ngày không hợp lệ")) throw new Error("the date message is missing");
  await page.locator("#xem-truoc img.cu").first().waitFor({ timeout });
  // The form marks the field too.
  await page.locator('#bieu-mau .truong[data-truong="ngay"].co-loi').waitFor({ state: "attached", timeout });
  await shot("3-loi");
  await muc.click();
  const line = await page.evaluate(() => {
    const t = document.getElementById("toml");
    return t.value.slice(0, t.selectionStart).split("\n").length;
  });
  const expected = wrong.split("\n").findIndex((l) => l.startsWith("ngay =")) + 1;
  if (line !== expected) throw new Error(`clicking the message went to line ${line}, not ${expected}`);

  // Fixed: the pages come back, the message goes.
  await page.fill("#toml", changed);
  await page.locator("#trang-thai", { hasText: /^\d+ trang$/ }).waitFor({ timeout });
  await page.locator('#thong-bao .muc[data-truong="ngay"]').waitFor({ state: "detached", timeout });

  // Review, save, download.
  await page.click("#ra-soat");
  await page.locator("#thong-bao", { hasText: "Rà soát" }).waitFor({ timeout });
  await shot("4-ra-soat");
  await page.click("#luu");
  await page.locator("#trang-thai", { hasText: "Đã lưu" }).waitFor({ timeout });
  const [download] = await Promise.all([page.waitForEvent("download", { timeout }), page.click("#tai-pdf")]);
  await download.saveAs(path.join(folder, "tai-ve.pdf"));
  await shot("5-da-luu");

  // Grids: a task added and typed in its row; an appendix from an uploaded
  // CSV, which lands in the folder and in the text, and on a new page.
  await page.click("#the-bieu-mau");
  const pages = await page.locator("#xem-truoc img").count();
  const tasks = page.locator('.cac-luoi details[data-bang="nhiem_vu"]');
  await tasks.locator("summary").click();
  await tasks.locator("button", { hasText: "Thêm dòng" }).click();
  await tasks.locator('textarea[data-cot="noi_dung"]').first().fill("Rà soát thủ tục hành chính.");
  await page.waitForFunction(() => document.getElementById("toml").value.includes('noi_dung = "Rà soát thủ tục hành chính."'), null, { timeout });
  await tasks.locator('textarea[data-cot="chu_tri"]').first().fill("Văn phòng\nSở Tư pháp");
  await page.waitForFunction(
    () => /\[\[nhiem_vu\]\]\s*noi_dung = "Rà soát thủ tục hành chính."\s*chu_tri = \["Văn phòng", "Sở Tư pháp"\]/.test(document.getElementById("toml").value),
    null, { timeout });
  // A công văn prints no task list: the row is removed again.
  await tasks.locator("button", { hasText: "×" }).first().click();
  await page.waitForFunction(() => !/^\[\[nhiem_vu\]\]/m.test(document.getElementById("toml").value), null, { timeout });
  // An appendix's "(Kèm theo …)" line names the issuer by its short name.
  await page.fill('#bieu-mau [name="co_quan.ten_goi"]', "UBND tỉnh");
  await page.waitForFunction(() => document.getElementById("toml").value.includes('ten_goi = "UBND tỉnh"'), null, { timeout });
  const rows = "STT,Đơn vị,Số hồ sơ\n1,Xã Một,\"1.250\"\n2,Xã Hai,980\n";
  await page.setInputFiles("#phu-luc-tep", { name: "so-lieu-xa.csv", mimeType: "text/csv", buffer: Buffer.from(rows) });
  await page.waitForFunction(() => document.getElementById("toml").value.includes('du_lieu = "so-lieu-xa.csv"'), null, { timeout });
  await page.locator('.cac-luoi details[data-bang="phu_luc.0.bang.0"]').waitFor({ timeout });
  await page.waitForFunction((n) => document.querySelectorAll("#xem-truoc img:not(.cu)").length > n, pages, { timeout });
  await shot("7-bang");

  // A batch template from its starter; the units' CSV uploaded; progress
  // shown; the zip of letters downloaded.
  await page.click("#van-ban-moi summary");
  await page.selectOption("#moi-loai", "hang_loat");
  await page.fill("#moi-ten", "mau-thu.toml");
  await page.click("#tao");
  await page.locator("#hang-loat").waitFor({ timeout });
  const csv = "Đơn vị,Số hồ sơ,Tỷ lệ trực tuyến (%)\nXã Một,120,\"81,5\"\nXã Hai,90,\"64,2\"\nXã Ba,75,\"90\"\n";
  await page.locator("#trang-thai", { hasText: "Chọn tệp đơn vị nhận" }).waitFor({ timeout });
  await page.setInputFiles("#hl-tep", { name: "cac-xa.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The page shows the first unit's letter.
  await page.locator("#trang-thai", { hasText: "(văn bản gửi Xã Một)" }).waitFor({ timeout });
  await page.click("#hl-tao");
  await page.locator("#hl-trang-thai", { hasText: "Xong: 3/3 văn bản." }).waitFor({ timeout });
  await page.locator("#hl-ket-qua li", { hasText: "Xã Hai" }).waitFor({ timeout });
  await shot("6-hang-loat");
  const [zip] = await Promise.all([page.waitForEvent("download", { timeout }), page.click("#hl-tai")]);
  await zip.saveAs(path.join(folder, "hang-loat.zip"));
  if (errors.length) throw new Error(`script errors on the page: ${errors.join("; ")}`);
} catch (e) {
  await shot("loi").catch(() => {});
  // The text the page held, to see what it did not reach.
  const text = await page.inputValue("#toml").catch(() => "");
  fs.writeFileSync(path.join(folder, "loi.toml.txt"), text);
  console.error(String(e));
  process.exitCode = 1;
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
