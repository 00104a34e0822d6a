// Excel workbooks (.xlsx) in the page: a file chosen in a file box reaches the core as its bytes
// (base64), and a calculator's own download (commitments, delivery report) can be saved as one. The
// core reads and writes them (calculators/spreadsheets.py) with openpyxl, the "xlsx" extra, which is
// loaded only here: when a person opens an .xlsx or asks for one, never on a first visit.

// Files read as bytes, not text: workbooks, and the old formats the core names for what they are.
const WORKBOOK = /\.(xlsx|xlsm|xls|ods)$/i;
// The ones the core reads with openpyxl, so the extra is loaded first.
const NEEDS_EXCEL = /\.(xlsx|xlsm)$/i;
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const isWorkbook = (name) => WORKBOOK.test(name);

export function toBase64(bytes) {
  let text = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(text);
}

export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// The files message's entries (CONTRACT.md): {name, text} for CSV and JSON, {name, base64} for a
// workbook. The "xlsx" extra is loaded first when one is an .xlsx; if it cannot be, the core says so
// in words when it reads the file (and what to do), so the failure is not reported here too.
export async function readFiles(files, loadExtra) {
  if (files.some((file) => NEEDS_EXCEL.test(file.name))) await loadExtra("xlsx").catch(() => {});
  return Promise.all(files.map(async (file) => (isWorkbook(file.name)
    ? { name: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())) }
    : { name: file.name, text: await file.text() })));
}

function save(bytes, filename) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// A calculator's own download as an .xlsx, for the result shown: the core writes it from the
// result's inputs. say(text, kind) speaks on the calculator's status line.
export async function downloadWorkbook({ engine, name, result, file, say }) {
  if (!result) return say("There is no result to share yet: fix the problems shown above first.", "error");
  say("Making the Excel file.", "ready");
  try {
    await engine.loadExtra("xlsx");
    const reply = JSON.parse(await engine.call({ op: "xlsx", name, inputs: result.inputs, file }));
    if (!reply.ok) return say(`The Excel file could not be made: ${reply.errors[0].message}.`, "error");
    save(fromBase64(reply.base64), reply.filename);
    return say(`Excel file made: ${reply.filename}.`, "ready");
  } catch (error) {
    return say(`The Excel file could not be made: ${error.message}. Download the CSV instead, or try again.`, "error");
  }
}
