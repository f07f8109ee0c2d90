// The workspace page: the folder's documents, one document's TOML text,
// its pages laid out as it is typed, its review, its files. Every text
// from the server is shown as text (textContent), never as markup; pages
// arrive as SVG and are shown as images, which run nothing.
"use strict";

const $ = (id) => document.getElementById(id);
let mo = null; // { ten, phien }
let hen = null;
let lan = 0;
let trangCu = [];
let truongs = []; // the form's fields, from the description of the format
let henMau = null;
let danhSach = []; // the folder's documents, as last listed

const NHOM = { co_quan: "Cơ quan ban hành", chu_ky: "Người ký", lien_he: "Liên hệ (ô 13)" };

// The form, made once from the description the loader reads.
async function taiBieuMau() {
  const { ok, body } = await goi("/api/bieu-mau");
  if (!ok) return;
  truongs = body;
  const form = $("bieu-mau");
  let nhom = "";
  for (const t of truongs) {
    const g = t.khoa.includes(".") ? t.khoa.split(".")[0] : "";
    if (g !== nhom) {
      nhom = g;
      form.append(chu("h3", NHOM[g] || g));
    }
    // A field is a box, not a <label>: a label would pass every click on it
    // to its first button.
    const label = chu("div", undefined, "truong");
    label.dataset.truong = t.khoa;
    // The meaning's first words are the field's name ("Số văn bản (ô 3)…").
    const ten = t.nhan.split(/ \(|[:,;.]/)[0];
    const dau = chu("label", `${ten}${t.bat_buoc ? " *" : ""} `, "nhan-truong");
    dau.htmlFor = `truong-${t.khoa}`;
    dau.append(chu("code", t.khoa, "khoa"));
    label.append(dau);
    let o;
    if (t.kieu === "chon") {
      o = chu("select");
      o.append(chu("option", ""));
      for (const c of t.chon) { const x = chu("option", c); x.value = c; o.append(x); }
    } else if (t.kieu === "bat_tat") {
      o = chu("input"); o.type = "checkbox";
    } else if (t.kieu === "cac_dong" || t.kieu === "van_ban") {
      o = chu("textarea"); if (t.kieu === "van_ban") o.className = "van-ban";
    } else {
      o = chu("input"); o.placeholder = t.vi_du.replace(/^"|"$/g, "");
    }
    o.name = t.khoa;
    o.id = `truong-${t.khoa}`;
    if (t.kieu === "van_ban") label.append(thanhCongCu(o));
    if (t.khoa === "ngay") label.append(chonNgay(o));
    o.addEventListener(o.type === "checkbox" || o.tagName === "SELECT" ? "change" : "input", () => suaTruong(t, o));
    label.append(o, chu("span", t.nhan, "giai-thich"), chu("span", "", "loi-truong"));
    form.append(label);
  }
  form.append(chu("h3", "Bảng"), chu("div", undefined, "cac-luoi"));
  const tep = chu("input");
  tep.type = "file";
  tep.accept = ".csv,.xlsx";
  tep.id = "phu-luc-tep";
  tep.addEventListener("change", () => themPhuLuc(tep));
  const nhan = chu("label", "Thêm phụ lục từ tệp số liệu (CSV, Excel): ", "nhan-truong");
  nhan.append(tep);
  form.append(nhan);
}

// The grids (tasks, units, appendix rows), read off the text; a cell
// typed is written into the text, comments and the rest kept.
async function taiLuoi() {
  const { ok, body } = await goi("/api/luoi", { method: "POST", headers: { "content-type": "text/plain; charset=utf-8" }, body: $("toml").value });
  if (!ok) return;
  const hop = $("bieu-mau").querySelector(".cac-luoi");
  const mo = new Set([...hop.querySelectorAll("details[open]")].map((d) => d.dataset.bang));
  hop.replaceChildren();
  for (const g of body) {
    const khoi = chu("details", undefined, "luoi");
    khoi.dataset.bang = g.bang;
    const so = g.dong ? ` (${g.dong.length} dòng)` : "";
    khoi.append(chu("summary", g.ten + so));
    khoi.open = mo.has(g.bang) || (g.dong ? g.dong.length > 0 : true);
    if (g.du_lieu !== undefined) {
      khoi.append(chu("p", `Số liệu đọc từ tệp ${g.du_lieu}: sửa tệp đó bằng Excel, hoặc tải tệp khác lên rồi đổi du_lieu ở thẻ TOML.`, "giai-thich"));
      hop.append(khoi);
      continue;
    }
    const bang = chu("table");
    const dau = chu("tr");
    for (const c of g.cot) dau.append(chu("th", c.nhan));
    dau.append(chu("th", ""));
    bang.append(dau);
    g.dong.forEach((dong, i) => {
      const tr = chu("tr");
      g.cot.forEach((c, j) => {
        const o = c.kieu === "cac_dong" || c.kieu === "van_ban" ? chu("textarea") : chu("input");
        o.value = dong[j];
        o.setAttribute("aria-label", `${c.nhan}, dòng ${i + 1}`);
        o.dataset.cot = c.ma;
        if (c.kieu === "van_ban") o.className = "dai";
        o.addEventListener("input", () => {
          clearTimeout(o.hen);
          o.hen = setTimeout(() => {
            const v = c.kieu === "cac_dong" ? o.value.split("\n") : o.value;
            suaLuoi(g.bang, { thao_tac: "dat", dong: i, cot: c.ma, gia_tri: v }, false);
          }, 350);
        });
        const td = chu("td");
        td.append(o);
        tr.append(td);
      });
      const xoa = chu("button", "×");
      xoa.type = "button";
      xoa.title = "Xóa dòng này";
      xoa.addEventListener("click", () => suaLuoi(g.bang, { thao_tac: "xoa", dong: i }, true));
      const td = chu("td");
      td.append(xoa);
      tr.append(td);
      bang.append(tr);
    });
    const them = chu("button", "Thêm dòng");
    them.type = "button";
    them.addEventListener("click", () => suaLuoi(g.bang, { thao_tac: "them" }, true));
    const cuon = chu("div", undefined, "cuon");
    cuon.append(bang);
    khoi.append(cuon, them);
    hop.append(khoi);
  }
}

async function suaLuoi(bang, thaoTac, veLai) {
  const { ok, body } = await goi("/api/luoi/sua", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: $("toml").value, bang, ...thaoTac }),
  });
  if (!ok) return bao([{ muc_do: "loi", thong_bao: body.loi }]);
  $("toml").value = body.text;
  xemTruoc();
  if (veLai) taiLuoi();
}

// A spreadsheet uploaded into the folder, then an appendix reading it.
async function themPhuLuc(input) {
  const tep = input.files[0];
  if (!tep) return;
  const len = await goi(`/api/tai-len?tep=${encodeURIComponent(tep.name)}`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: tep });
  input.value = "";
  if (!len.ok) return bao([{ muc_do: "loi", thong_bao: len.body.loi }]);
  const { ok, body } = await goi("/api/bang-moi", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: $("toml").value, tep: len.body.ten }),
  });
  if (!ok) return bao([{ muc_do: "loi", thong_bao: body.loi }]);
  $("toml").value = body.text;
  await xemTruoc();
  await taiLuoi();
  bao([{ muc_do: "goi_y", thong_bao: body.bao }]);
}

// The conventions of body text, a click away: heading, plain paragraph,
// bold, italic, a footnote.
function thanhCongCu(o) {
  const thanh = chu("span", "", "cong-cu");
  const sua = (fn) => () => {
    const a = o.selectionStart, b = o.selectionEnd, v = o.value;
    const [moi, dau, cuoi] = fn(v.slice(0, a), v.slice(a, b), v.slice(b));
    o.value = moi;
    o.focus();
    o.setSelectionRange(dau, cuoi);
    o.dispatchEvent(new Event("input"));
  };
  // The start of the paragraph the caret is in.
  const dauDoan = (truoc) => truoc.lastIndexOf("\n") + 1;
  const nut = [
    ["Đề mục", "Đoạn luôn in đậm như đề mục (# ở đầu đoạn)", (t, c, s) => { const i = dauDoan(t); return [t.slice(0, i) + "# " + t.slice(i) + c + s, t.length + 2, t.length + 2 + c.length]; }],
    ["Đoạn thường", "Đoạn không bao giờ là đề mục (\\ ở đầu đoạn)", (t, c, s) => { const i = dauDoan(t); return [t.slice(0, i) + "\\" + t.slice(i) + c + s, t.length + 1, t.length + 1 + c.length]; }],
    ["Đậm", "Chữ đậm: **chữ**", (t, c, s) => [t + "**" + c + "**" + s, t.length + 2, t.length + 2 + c.length]],
    ["Nghiêng", "Chữ nghiêng: *chữ*", (t, c, s) => [t + "*" + c + "*" + s, t.length + 1, t.length + 1 + c.length]],
    ["Chú thích", "Chú thích cuối trang: [^1] trong câu và đoạn [^1]: … ở cuối", (t, c, s) => {
      let n = 1; while (o.value.includes(`[^${n}]`)) n++;
      const moi = `${t}${c}[^${n}]${s}\n\n[^${n}]: Nội dung chú thích.`;
      return [moi, moi.length - "Nội dung chú thích.".length, moi.length];
    }],
  ];
  for (const [ten, goiY, fn] of nut) {
    const b = chu("button", ten);
    b.type = "button";
    b.title = goiY;
    b.addEventListener("click", sua(fn));
    thanh.append(b);
  }
  return thanh;
}

// A calendar beside the date field, for a full date (the field itself
// also takes a draft's "5/2024").
function chonNgay(o) {
  const lich = chu("input");
  lich.type = "date";
  lich.title = "Chọn ngày ban hành";
  lich.addEventListener("change", () => {
    if (!lich.value) return;
    const [y, m, d] = lich.value.split("-").map(Number);
    o.value = `${d}/${m}/${y}`;
    o.dispatchEvent(new Event("input"));
  });
  return lich;
}

// Form values read off the text (after the TOML tab changed it).
async function dienBieuMau() {
  const { ok, body } = await goi("/api/gia-tri", { method: "POST", headers: { "content-type": "text/plain; charset=utf-8" }, body: $("toml").value });
  if (!ok) return;
  taiLuoi();
  for (const t of truongs) {
    const o = $("bieu-mau").elements.namedItem(t.khoa);
    if (!o || o === document.activeElement) continue;
    const v = body[t.khoa];
    if (o.type === "checkbox") o.checked = v === true;
    else if (Array.isArray(v)) o.value = v.join("\n");
    else o.value = v === undefined ? "" : String(v);
  }
}

// One field changed: the server writes it into the text, comments kept.
function suaTruong(t, o) {
  clearTimeout(henMau);
  henMau = setTimeout(async () => {
    let v = o.type === "checkbox" ? o.checked : o.value;
    if (t.kieu === "cac_dong") v = v.split("\n");
    const { ok, body } = await goi("/api/sua", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: $("toml").value, khoa: t.khoa, gia_tri: v }),
    });
    if (!ok) return bao([{ muc_do: "loi", thong_bao: body.loi, truong: t.khoa }]);
    $("toml").value = body.text;
    xemTruoc();
  }, 350);
}

function chonThe(bieuMau) {
  $("bieu-mau").hidden = !bieuMau;
  $("toml").hidden = bieuMau;
  $("the-bieu-mau").setAttribute("aria-selected", String(bieuMau));
  $("the-toml").setAttribute("aria-selected", String(!bieuMau));
  if (bieuMau) dienBieuMau();
}

async function goi(url, tuy = {}) {
  const r = await fetch(url, tuy);
  const loai = r.headers.get("content-type") || "";
  const body = loai.includes("json") ? await r.json() : null;
  // A server shared on the network asks for its password first.
  if (r.status === 401 && body && body.can_dang_nhap && !$("dang-nhap").open) $("dang-nhap").showModal();
  return { ok: r.ok, status: r.status, body };
}

$("dang-nhap-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const { ok, body } = await goi("/api/dang-nhap", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mat_khau: $("mat-khau").value }),
  });
  if (!ok) return ($("dang-nhap-loi").textContent = body ? body.loi : "Không đăng nhập được");
  location.reload();
});
$("dang-xuat").addEventListener("click", async () => {
  await goi("/api/dang-xuat", { method: "POST" });
  location.reload();
});

function chu(tag, text, lop) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (lop) e.className = lop;
  return e;
}

async function taiDanhSach() {
  const { ok, body } = await goi("/api/danh-sach");
  if (!ok) return;
  danhSach = body.van_ban;
  $("dang-xuat").hidden = !body.dang_nhap;
  const loc = $("loc").value.toLowerCase();
  const ul = $("cac-van-ban");
  ul.replaceChildren();
  for (const v of body.van_ban) {
    const noi = [v.ten, v.loai, v.so_ky_hieu, v.trich_yeu].join(" ").toLowerCase();
    if (loc && !noi.includes(loc)) continue;
    const li = chu("li");
    li.dataset.ten = v.ten;
    const ten = chu("div", v.ten, "ten");
    if (v.mau_hang_loat) ten.append(chu("span", "mẫu hàng loạt", "nhan mau"));
    // A batch template is reviewed letter by letter (vanban check --data),
    // not as a document of its own: no counts for it here.
    if (v.loi && !v.mau_hang_loat) ten.append(chu("span", `${v.loi} lỗi`, "nhan loi"));
    if (v.canh_bao && !v.mau_hang_loat) ten.append(chu("span", `${v.canh_bao} cảnh báo`, "nhan canh-bao"));
    li.append(ten);
    const chiTiet = [v.loai, v.so_ky_hieu, v.ngay, v.trich_yeu, v.sua_luc && `sửa ${v.sua_luc}`]
      .filter(Boolean).join(" · ");
    li.append(chu("div", chiTiet, "chi-tiet"));
    li.addEventListener("click", () => moTep(v.ten));
    if (mo && mo.ten === v.ten) li.classList.add("chon");
    ul.append(li);
  }
}

async function taiLoai() {
  const { ok, body } = await goi("/api/loai");
  if (!ok) return;
  const sel = $("moi-loai");
  for (const l of body.loai) {
    const o = chu("option", l.ten);
    o.value = l.ma;
    sel.append(o);
  }
}

async function moTep(ten) {
  const { ok, body } = await goi(`/api/tep/${encodeURIComponent(ten)}`);
  if (!ok) return bao([{ muc_do: "loi", thong_bao: body.loi }]);
  mo = { ten, phien: body.phien };
  $("soan-thao").hidden = false;
  $("ten-tep").textContent = ten;
  $("toml").value = body.text;
  datLienKetPdf();
  $("tai-docx").href = `/api/tai-ve/${encodeURIComponent(ten)}?dang=docx`;
  trangCu = [];
  bao([]);
  await taiDanhSach();
  const v = danhSach.find((x) => x.ten === ten);
  $("hang-loat").hidden = !(v && v.mau_hang_loat);
  $("hl-tep").value = "";
  $("hl-tai").hidden = true;
  $("hl-ket-qua").replaceChildren();
  $("hl-trang-thai").textContent = "";
  dienBieuMau();
  xemTruoc();
}

// The PDF link, with empty signature fields when asked (`--o-ky`).
function datLienKetPdf() {
  if (!mo) return;
  $("tai-pdf").href = `/api/tai-ve/${encodeURIComponent(mo.ten)}?dang=pdf${$("o-ky").checked ? "&o_ky=true" : ""}`;
}
$("o-ky").addEventListener("change", datLienKetPdf);

// Messages at their place: clicking one selects its line in the text.
function bao(ds, tieuDe) {
  const hop = $("thong-bao");
  hop.replaceChildren();
  if (tieuDe) hop.append(chu("div", tieuDe));
  for (const d of ds) {
    const noi = d.dong ? `dòng ${d.dong}, cột ${d.cot}` : "";
    const ma = d.ma ? `[${d.ma}] ` : "";
    const truong = d.truong ? ` trường \`${d.truong}\`` : "";
    const goiY = d.goi_y ? `\ngợi ý: ${d.goi_y}` : "";
    const dau = `${ma}${noi}${truong}`;
    const muc = chu("div", `${dau}${dau ? ": " : ""}${d.thong_bao}${goiY}`, `muc ${d.muc_do || "loi"}`);
    muc.dataset.dong = d.dong || "";
    muc.dataset.truong = d.truong || "";
    if (d.dong) muc.addEventListener("click", () => denDong(d.dong, d.cot, d.truong));
    if (d.ma) {
      const nut = chu("button", "Bỏ qua…");
      nut.type = "button";
      nut.addEventListener("click", (e) => { e.stopPropagation(); boQua(d.ma); });
      muc.append(nut);
    }
    hop.append(muc);
  }
  // Each message also under its field in the form.
  for (const l of $("bieu-mau").querySelectorAll(".truong")) {
    const cua = ds.filter((d) => d.truong === l.dataset.truong);
    l.classList.toggle("co-loi", cua.length > 0);
    l.querySelector(".loi-truong").textContent = cua.map((d) => d.thong_bao).join("\n");
  }
}

// A review rule switched off for this document, with the clerk's reason.
async function boQua(ma) {
  const lyDo = window.prompt(`Lý do không áp dụng ${ma} cho văn bản này:`, "Văn bản thật trình bày như vậy");
  if (!lyDo) return;
  const { ok, body } = await goi("/api/bo-qua", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: $("toml").value, ma, ly_do: lyDo }),
  });
  if (!ok) return bao([{ muc_do: "loi", thong_bao: body.loi }]);
  $("toml").value = body.text;
  xemTruoc();
  $("ra-soat").click();
}

function denDong(dong, cot, truong) {
  const o = truong && $("bieu-mau").elements.namedItem(truong);
  if (o && !$("bieu-mau").hidden) { o.focus(); return; }
  chonThe(false);
  const t = $("toml");
  const dongs = t.value.split("\n");
  let vt = 0;
  for (let i = 0; i < dong - 1 && i < dongs.length; i++) vt += dongs[i].length + 1;
  vt += Math.max(0, (cot || 1) - 1);
  t.focus();
  t.setSelectionRange(vt, vt + (dongs[dong - 1] || "").length - (cot || 1) + 1);
}

function hienTrang(trang, cu) {
  const hop = $("xem-truoc");
  hop.replaceChildren();
  for (const svg of trang) {
    const img = chu("img");
    img.alt = "Trang văn bản";
    img.src = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    if (cu) img.classList.add("cu");
    hop.append(img);
  }
}

async function xemTruoc() {
  if (!mo) return;
  const so = ++lan;
  $("trang-thai").textContent = "Đang dàn trang…";
  const { ok, body } = await goi(`/api/xem-truoc/${encodeURIComponent(mo.ten)}`, {
    method: "POST",
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: $("toml").value,
  });
  if (so !== lan) return; // a newer edit is on its way
  if (!ok) {
    $("trang-thai").textContent = body && body.loi ? body.loi : "Không xem trước được";
    return;
  }
  if (body.can_don_vi) {
    const hop = $("xem-truoc");
    hop.replaceChildren(chu("div", "Đây là văn bản mẫu tạo hàng loạt. Chọn tệp đơn vị nhận trong khung “Tạo hàng loạt” để xem văn bản của đơn vị đầu tiên.", "loi-chao-mau"));
    $("trang-thai").textContent = "Chọn tệp đơn vị nhận để xem trước";
    bao([]);
    return;
  }
  if (body.loi) {
    // The last good pages stay, dimmed; the message goes to its field.
    hienTrang(trangCu, true);
    bao(body.loi, "Văn bản còn lỗi: trang bên phải là bản trước đó.");
    $("trang-thai").textContent = "Có lỗi";
  } else {
    trangCu = body.trang;
    hienTrang(body.trang, false);
    bao(body.canh_bao);
    $("trang-thai").textContent = `${body.trang.length} trang${body.don_vi ? ` (văn bản gửi ${body.don_vi})` : ""}`;
  }
}

$("toml").addEventListener("input", () => {
  clearTimeout(hen);
  hen = setTimeout(() => { xemTruoc(); dienBieuMau(); }, 300);
});
$("the-bieu-mau").addEventListener("click", () => chonThe(true));
$("the-toml").addEventListener("click", () => chonThe(false));

// Saves the text; false (with the reason shown) when it was not saved.
async function luu() {
  const { ok, status, body } = await goi(`/api/tep/${encodeURIComponent(mo.ten)}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: $("toml").value, phien: mo.phien }),
  });
  if (ok) {
    mo.phien = body.phien;
    $("trang-thai").textContent = "Đã lưu";
    taiDanhSach();
  } else if (status === 409) {
    bao([{ muc_do: "loi", thong_bao: `${body.loi}\n\n${body.text || "(tệp đã bị xóa)"}` }]);
  } else {
    bao([{ muc_do: "loi", thong_bao: body.loi }]);
  }
  return ok;
}
$("luu").addEventListener("click", luu);

// The units' file chosen: the page shows the first unit's letter.
async function guiDonViThu() {
  const tep = $("hl-tep").files[0];
  if (!tep || !mo) return;
  const url = `/api/don-vi-thu/${encodeURIComponent(mo.ten)}?tep=${encodeURIComponent(tep.name)}&cot_don_vi=${encodeURIComponent($("hl-cot").value.trim())}`;
  const { ok, body } = await goi(url, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: tep });
  if (!ok) return bao([{ muc_do: "loi", thong_bao: body ? body.loi : "Không gửi được tệp" }]);
  xemTruoc();
}
$("hl-tep").addEventListener("change", guiDonViThu);
$("hl-cot").addEventListener("change", guiDonViThu);

// A batch: the template saved, the units' file uploaded, progress as the
// server reports it (server-sent events), then the zip to download.
$("hl-tao").addEventListener("click", async () => {
  const tep = $("hl-tep").files[0];
  if (!tep) return ($("hl-trang-thai").textContent = "Chọn tệp đơn vị nhận (.csv, .xlsx) trước.");
  if (!(await luu())) return;
  $("hl-tai").hidden = true;
  $("hl-ket-qua").replaceChildren();
  const url = `/api/hang-loat/${encodeURIComponent(mo.ten)}?tep=${encodeURIComponent(tep.name)}&dang=${$("hl-dang").value}&cot_don_vi=${encodeURIComponent($("hl-cot").value.trim())}`;
  const { ok, body } = await goi(url, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: tep });
  if (!ok) return ($("hl-trang-thai").textContent = body ? body.loi : "Không tạo được");
  const so = body.so;
  const thanh = $("hl-tien-do");
  thanh.hidden = false;
  thanh.removeAttribute("value");
  $("hl-dung").hidden = false;
  $("hl-dung").onclick = () => goi(`/api/hang-loat/${so}/dung`, { method: "POST" });
  $("hl-trang-thai").textContent = "Đang tạo…";
  const nguon = new EventSource(`/api/hang-loat/${so}/tien-do`);
  nguon.onmessage = (e) => {
    const v = JSON.parse(e.data);
    if (v.trang_thai === "dang_tao") {
      if (v.tong) { thanh.max = v.tong; thanh.value = v.xong; }
      $("hl-trang-thai").textContent = `Đã tạo ${v.xong}/${v.tong || "…"} văn bản`;
      return;
    }
    nguon.close();
    thanh.hidden = true;
    $("hl-dung").hidden = true;
    if (v.trang_thai === "loi") {
      $("hl-trang-thai").textContent = "Không tạo được: xem thông báo bên dưới.";
      return bao(v.chan_doan, "Tạo hàng loạt không được:");
    }
    const tong = v.dong.length;
    $("hl-trang-thai").textContent = `Xong: ${v.da_tao}/${tong} văn bản${v.so_loi ? `, ${v.so_loi} lỗi` : ""}${v.dung ? " (đã dừng giữa chừng)" : ""}.`;
    for (const d of v.dong) {
      const li = chu("li", d.loi ? `${d.don_vi} (${d.noi}): ${d.loi}` : `${d.don_vi}: ${d.tep}`, d.loi ? "loi" : "");
      $("hl-ket-qua").append(li);
    }
    bao(v.canh_bao);
    $("hl-tai").href = `/api/hang-loat/${so}/tai`;
    $("hl-tai").hidden = false;
  };
  nguon.onerror = () => {
    if (nguon.readyState === EventSource.CLOSED) $("hl-trang-thai").textContent = "Mất kết nối với máy chủ.";
  };
});

$("ra-soat").addEventListener("click", async () => {
  const { body } = await goi(`/api/ra-soat/${encodeURIComponent(mo.ten)}`, {
    method: "POST",
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: $("toml").value,
  });
  const ds = body.chan_doan || [];
  bao(ds, ds.length ? `Rà soát: ${ds.length} điều cần xem` : "Rà soát: không có gì cần sửa.");
});

$("tao").addEventListener("click", async () => {
  let ten = $("moi-ten").value.trim() || `${$("moi-loai").value.replaceAll("_", "-")}.toml`;
  if (!ten.endsWith(".toml")) ten += ".toml";
  const { ok, body } = await goi("/api/moi", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ loai: $("moi-loai").value, ten }),
  });
  if (!ok) return bao([{ muc_do: "loi", thong_bao: body.loi }]);
  $("van-ban-moi").open = false;
  await moTep(body.ten);
});

// The văn thư numbers the saved document: the page takes the new text.
$("cap-so").addEventListener("click", async () => {
  const hoi = "Cấp số cho văn bản này? vanban lưu văn bản, lấy số tiếp theo trong sổ đăng ký của thư mục, ghi số và ngày ban hành (hôm nay) vào văn bản và tạo PDF cuối cùng. Văn bản đã cấp số không cấp lại.";
  if (!window.confirm(hoi)) return;
  if (!(await luu())) return;
  const { ok, body } = await goi(`/api/cap-so/${encodeURIComponent(mo.ten)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({}),
  });
  if (!ok) return bao(body.chan_doan || [{ muc_do: "loi", thong_bao: body.loi }], "Chưa cấp số:");
  $("toml").value = body.text;
  mo.phien = body.phien;
  await xemTruoc();
  dienBieuMau();
  taiDanhSach();
  $("trang-thai").textContent = `Đã cấp số ${body.so_ky_hieu} ngày ${body.ngay}`;
});

// The folder's register for this year, as a table where the pages go.
$("xem-so").addEventListener("click", async () => {
  const { ok, body } = await goi("/api/so-van-ban");
  if (!ok) return;
  const hop = $("xem-truoc");
  hop.replaceChildren(chu("h2", `Sổ đăng ký văn bản đi năm ${body.nam}`));
  if (!body.muc.length) return hop.append(chu("p", "Chưa có văn bản nào được cấp số trong năm."));
  const bang = chu("table", undefined, "so-van-ban");
  const dau = chu("tr");
  for (const t of ["Số, ký hiệu", "Ngày", "Tên loại và trích yếu", "Người ký", "Tệp", "Trạng thái"]) dau.append(chu("th", t));
  bang.append(dau);
  for (const m of body.muc) {
    const tr = chu("tr");
    for (const v of [m.so_ky_hieu, m.ngay, m.trich_yeu, m.nguoi_ky, m.tep || "", m.trang_thai]) tr.append(chu("td", v));
    bang.append(tr);
  }
  hop.append(bang);
});

$("loc").addEventListener("input", taiDanhSach);
taiBieuMau();
taiLoai();
taiDanhSach();
