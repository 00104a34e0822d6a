// The core's reply to the page (calculators/api.py, _page_text): a JSON head (ok, errors, form,
// message, and a result's permalink and field warnings), then, each after a line break, the result's
// JSON text and its HTML. The page parses only the head: the result's text is kept as it came (the
// region's data-result) and the HTML goes straight into the page, so a 1,000-line result (3.5 MB)
// is never parsed out of JSON nor written back to it.

export function readReply(text) {
  const first = text.indexOf("\n");
  const second = text.indexOf("\n", first + 1);
  if (first < 0 || second < 0) throw new Error("not a reply from the core");
  const head = JSON.parse(text.slice(0, first));
  const resultText = text.slice(first + 1, second);
  return { ...head, resultText: resultText === "null" ? "" : resultText, html: text.slice(second + 1) };
}
