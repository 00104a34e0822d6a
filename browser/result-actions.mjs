// What a result can be turned into: a link, a CSV or JSON file, a calculator's own file (such as a
// commitments file) and a printed record. The texts and files are the core's: the result's JSON is
// kept on the result region (data-result); its CSV and files are made when a button asks for them.

// The file an action saves, or null for an action that saves none. kept: the result's JSON text,
// its CSV and the calculator's own files as JSON text.
export function fileFor(action, { result, csv, downloads }, button, name) {
  if (action === "download-file") {
    const text = JSON.parse(downloads || "{}")[button.dataset.file];
    return text === undefined || text === null ? null : { text, type: "text/csv", filename: button.dataset.filename };
  }
  if (action === "download-csv") return { text: csv, type: "text/csv", filename: `${name}.csv` };
  if (action === "download-json") {
    return { text: JSON.stringify(JSON.parse(result), null, 2), type: "application/json", filename: `${name}.json` };
  }
  return null;
}

export const shownResult = (region) => (region.dataset.result ? JSON.parse(region.dataset.result) : null);

// The page's address with the result's permalink (#inputs=...) in place of any fragment.
export const linkTo = (href, result) => href.split("#")[0] + (result ? result.permalink : "");

function save({ text, type, filename }) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// Runs a result button's action; say(text, kind) speaks on the calculator's status line, print()
// prints the record (print-record.mjs, which draws its QR code first), and exports(resultText)
// resolves with the core's JSON text of the result's CSV and files.
export async function runResultAction(button, { region, name, say, print, exports }) {
  const action = button.dataset.action;
  if (action === "print") return print();
  const result = shownResult(region);
  if (!result) return say("There is no result to share yet: fix the problems shown above first.", "error");
  if (action === "copy-link") {
    const link = linkTo(location.href, result);
    const done = () => say("Link copied. Anyone who opens it sees this calculation.", "ready");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(done, () => say(`Copy this link: ${link}`, "ready"));
    } else say(`Copy this link: ${link}`, "ready");
    return undefined;
  }
  let kept = { result: region.dataset.result };
  if (action === "download-csv" || action === "download-file") {
    try {
      const { csv, downloads } = JSON.parse(await exports(kept.result));
      kept = { ...kept, csv, downloads: JSON.stringify(downloads) };
    } catch {
      return say("The file could not be made. Try again.", "error");
    }
  }
  const file = fileFor(action, kept, button, name);
  if (file) save(file);
  return undefined;
}
